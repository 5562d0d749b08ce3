-- Initial schema: users and orders.
CREATE TABLE users (
	id serial PRIMARY KEY,
	email varchar(255) NOT NULL,
	name char(20),
	created_at timestamp NOT NULL DEFAULT now()
);

CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id), total numeric, data json);
CREATE INDEX orders_user_idx ON orders (user_id);
