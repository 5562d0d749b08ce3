-- padding line 1
-- padding line 2
-- padding line 3
-- padding line 4
-- padding line 5
-- padding line 6
-- padding line 7
-- padding line 8
DROP TABLE
    orders;
VACUUM FULL users;
SELECT * FROM users WHERE id = 1
FOO BAR BAZ;
