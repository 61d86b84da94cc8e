-- A user id (the token's subject) and an Idempotency-Key are opaque, case-sensitive strings: compared under the
-- table's case-insensitive collation, user ALICE met alice's keys and replays, and key kEy-1 was KEY-1.
ALTER TABLE idempotency_record
    MODIFY scope           VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'whose key: the user id',
    MODIFY idempotency_key VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
