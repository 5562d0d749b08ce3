ALTER TABLE users ADD COLUMN active boolean NOT NULL;
ALTER TABLE users ALTER COLUMN email TYPE text;
-- migralint-ignore require-concurrent-index: the table is empty in every environment
CREATE INDEX users_email_idx ON users (email);
-- migralint-ignore ban-drop-column
ALTER TABLE users DROP COLUMN name;
-- migralint-ignore renaming-table: not needed
UPDATE orders SET total = 0;
ALTER TABLE orders
    ADD CONSTRAINT orders_total_check
    CHECK (
        total >= 0
        AND total < 1000000
        AND total IS NOT NULL
        AND total <> 13
        AND total <> 666
    );
DELETE FROM orders;
