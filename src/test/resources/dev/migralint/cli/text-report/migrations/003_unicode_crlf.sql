CREATE INDEX idx_café ON users (café, "→ naïve 🐘");
ALTER TABLE users RENAME COLUMN created_at TO "créé";
TRUNCATE orders CASCADE;
