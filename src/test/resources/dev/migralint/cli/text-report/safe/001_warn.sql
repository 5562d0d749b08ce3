SET lock_timeout = '2s';
ALTER TABLE users DROP CONSTRAINT users_legacy_check;
