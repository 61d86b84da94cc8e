-- Seata's TCC fence (useTCCFence = true): makes Confirm/Cancel idempotent, turns a Cancel before any Try into
-- an empty rollback, and refuses a Try that arrives after its Cancel (suspension). Layout as Seata expects it.
CREATE TABLE tcc_fence_log (
    xid          VARCHAR(128) NOT NULL COMMENT 'global transaction id',
    branch_id    BIGINT       NOT NULL COMMENT 'branch transaction id',
    action_name  VARCHAR(64)  NOT NULL,
    status       TINYINT      NOT NULL COMMENT 'tried 1, committed 2, rollbacked 3, suspended 4',
    gmt_create   DATETIME(3)  NOT NULL,
    gmt_modified DATETIME(3)  NOT NULL,
    PRIMARY KEY (xid, branch_id),
    KEY idx_tcc_fence_log_gmt_modified (gmt_modified),
    KEY idx_tcc_fence_log_status (status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
