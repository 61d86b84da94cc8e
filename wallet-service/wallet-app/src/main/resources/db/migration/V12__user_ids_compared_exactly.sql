-- A user id (the token's subject) and an Idempotency-Key are opaque, case-sensitive strings: under the tables'
-- case-insensitive collation user ALICE read and spent alice's wallet, and a top-up under key K-1 was taken for the
-- one under k-1 (the credit reference's unique key).
ALTER TABLE wallet
    MODIFY user_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE funds_freeze
    MODIFY user_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE wallet_ledger_entry
    MODIFY user_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY credit_reference VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL
        COMMENT 'who credited and under which Idempotency-Key';
