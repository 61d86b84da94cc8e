-- wallet-service schema. Money is DECIMAL(19,2) everywhere, never a float. Every balance change is one guarded
-- single-statement UPDATE in WalletMapper; the CHECKs below make a negative figure impossible even for a statement
-- that forgot its guard.

-- One wallet per user, created by the first credit.
CREATE TABLE wallet (
    user_id    VARCHAR(64)   NOT NULL,
    available  DECIMAL(19,2) NOT NULL DEFAULT 0.00 COMMENT 'spendable now',
    frozen     DECIMAL(19,2) NOT NULL DEFAULT 0.00 COMMENT 'held by payments in flight (TCC Try done, phase two not yet)',
    created_at DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (user_id),
    CONSTRAINT ck_wallet_available_not_negative CHECK (available >= 0),
    CONSTRAINT ck_wallet_frozen_not_negative CHECK (frozen >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per TCC branch of the wallet (the Try of 'wallet-freeze-funds'): TRYING, then DEBITED (Confirm) or
-- UNFROZEN (Cancel). Phase two finds it by the branch's (xid, branch_id), so it needs nothing from the action
-- context, and moves it only from TRYING: a second Confirm or Cancel finds nothing to do even without the fence.
CREATE TABLE funds_freeze (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    xid           VARCHAR(128)  NOT NULL COMMENT 'global transaction of the Try',
    branch_id     BIGINT        NOT NULL COMMENT 'TCC branch of the Try',
    order_no      VARCHAR(64)   NOT NULL,
    user_id       VARCHAR(64)   NOT NULL,
    amount        DECIMAL(19,2) NOT NULL,
    status        VARCHAR(16)   NOT NULL COMMENT 'TRYING, DEBITED or UNFROZEN',
    -- At most one freeze per order that is still holding or has taken the money; an unfrozen attempt frees the
    -- order for another one. A second concurrent Try for the same order fails here instead of at its Confirm.
    live_order_no VARCHAR(64) GENERATED ALWAYS AS (IF(status IN ('TRYING', 'DEBITED'), order_no, NULL)) STORED,
    created_at    DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at    DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_funds_freeze_branch (xid, branch_id),
    UNIQUE KEY uk_funds_freeze_live_order (live_order_no),
    KEY idx_funds_freeze_user (user_id),
    KEY idx_funds_freeze_order (order_no),
    KEY idx_funds_freeze_status_updated (status, updated_at),
    CONSTRAINT ck_funds_freeze_amount_positive CHECK (amount > 0),
    CONSTRAINT ck_funds_freeze_status CHECK (status IN ('TRYING', 'DEBITED', 'UNFROZEN'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The ledger: append-only, one row per movement of money. For every wallet
--   available + frozen = sum(CREDIT) + sum(REFUND) - sum(DEBIT)
--   frozen             = sum(FREEZE) - sum(UNFREEZE) - sum(DEBIT)          (a DEBIT takes from frozen)
--
-- Why the keys are per freeze and not "per (order, entry type)" as the issue first put it: one order can
-- legitimately see FREEZE, UNFREEZE (a failed payment attempt, rolled back) and then a second FREEZE and a
-- DEBIT (the retry that succeeds). A unique (order_no, type) would refuse that second FREEZE. What must be unique
-- is each step of one freeze (its FREEZE, UNFREEZE or DEBIT happens at most once: uk_ledger_freeze_type), and the
-- money taken for an order (at most one DEBIT per order: uk_ledger_debit_order over a generated column, since
-- MySQL/MariaDB have no partial indexes). Credits are keyed by their reference (admin + Idempotency-Key), so a
-- replayed top-up can never credit twice even after its idempotency record expired.
CREATE TABLE wallet_ledger_entry (
    entry_id         BIGINT        NOT NULL AUTO_INCREMENT,
    user_id          VARCHAR(64)   NOT NULL,
    type             VARCHAR(16)   NOT NULL COMMENT 'CREDIT, FREEZE, UNFREEZE, DEBIT or REFUND',
    amount           DECIMAL(19,2) NOT NULL,
    order_no         VARCHAR(64)   NULL,
    freeze_id        BIGINT        NULL,
    credit_reference VARCHAR(200)  NULL COMMENT 'who credited and under which Idempotency-Key',
    debit_order_no   VARCHAR(64) GENERATED ALWAYS AS (IF(type = 'DEBIT', order_no, NULL)) STORED,
    created_at       DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (entry_id),
    UNIQUE KEY uk_ledger_freeze_type (freeze_id, type),
    UNIQUE KEY uk_ledger_credit_reference (user_id, credit_reference),
    UNIQUE KEY uk_ledger_debit_order (debit_order_no),
    KEY idx_ledger_user_entry (user_id, entry_id),
    KEY idx_ledger_order (order_no),
    CONSTRAINT fk_ledger_freeze FOREIGN KEY (freeze_id) REFERENCES funds_freeze (id),
    CONSTRAINT ck_ledger_amount_positive CHECK (amount > 0),
    CONSTRAINT ck_ledger_type CHECK (type IN ('CREDIT', 'FREEZE', 'UNFREEZE', 'DEBIT', 'REFUND')),
    CONSTRAINT ck_ledger_freeze_steps_name_their_freeze
        CHECK (type NOT IN ('FREEZE', 'UNFREEZE', 'DEBIT') OR (freeze_id IS NOT NULL AND order_no IS NOT NULL)),
    CONSTRAINT ck_ledger_credit_has_reference CHECK (type <> 'CREDIT' OR credit_reference IS NOT NULL)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Append-only in the database itself, not only by convention: a correction is a new entry, never an edit.
CREATE TRIGGER trg_wallet_ledger_entry_no_update BEFORE UPDATE ON wallet_ledger_entry FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'wallet_ledger_entry is append-only';

CREATE TRIGGER trg_wallet_ledger_entry_no_delete BEFORE DELETE ON wallet_ledger_entry FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'wallet_ledger_entry is append-only';
