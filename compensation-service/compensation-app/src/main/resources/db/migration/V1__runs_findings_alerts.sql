-- compensation-service's own records. The platform's table (idempotency_record) is versioned apart by the platform.

-- One row per reconciliation run. It is also the lock that keeps runs one at a time across replicas: the unique
-- generated column admits a single RUNNING row; the replica running it heartbeats, and a RUNNING row whose
-- heartbeat is older than the lease (its replica died) is marked FAILED before another run may start.
CREATE TABLE reconciliation_run (
    run_id       VARCHAR(40)  NOT NULL,
    trigger_kind VARCHAR(16)  NOT NULL COMMENT 'SCHEDULED or ON_DEMAND',
    status       VARCHAR(16)  NOT NULL COMMENT 'RUNNING, COMPLETED or FAILED',
    running_slot TINYINT GENERATED ALWAYS AS (IF(status = 'RUNNING', 1, NULL)) STORED,
    requested_by VARCHAR(64)  NULL,
    started_at   DATETIME(3)  NOT NULL,
    heartbeat_at DATETIME(3)  NOT NULL,
    finished_at  DATETIME(3)  NULL,
    checked      BIGINT       NOT NULL DEFAULT 0 COMMENT 'records examined',
    repaired     BIGINT       NOT NULL DEFAULT 0,
    flagged      BIGINT       NOT NULL DEFAULT 0,
    failure      VARCHAR(1000) NULL,
    PRIMARY KEY (run_id),
    UNIQUE KEY uk_reconciliation_run_running (running_slot),
    KEY idx_reconciliation_run_started (started_at),
    CONSTRAINT ck_reconciliation_run_status CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED')),
    CONSTRAINT ck_reconciliation_run_trigger CHECK (trigger_kind IN ('SCHEDULED', 'ON_DEMAND'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The audit trail: what a run found, the evidence it read from the owners, what it did and what the owner answered.
CREATE TABLE reconciliation_finding (
    finding_id   BIGINT        NOT NULL AUTO_INCREMENT,
    run_id       VARCHAR(40)   NOT NULL,
    kind         VARCHAR(48)   NOT NULL,
    invariant    BOOLEAN       NOT NULL COMMENT 'an invariant of architecture.md was found broken',
    subject_type VARCHAR(16)   NOT NULL COMMENT 'ORDER, SKU or WALLET',
    subject      VARCHAR(128)  NOT NULL,
    evidence     TEXT          NOT NULL COMMENT 'JSON: what the owners said',
    action       VARCHAR(48)   NOT NULL,
    status       VARCHAR(16)   NOT NULL COMMENT 'REPAIRED, FLAGGED or OPEN (repair failed, retried next run)',
    result       VARCHAR(2000) NULL,
    created_at   DATETIME(3)   NOT NULL,
    PRIMARY KEY (finding_id),
    KEY idx_reconciliation_finding_run (run_id, finding_id),
    KEY idx_reconciliation_finding_status (status, finding_id),
    CONSTRAINT fk_reconciliation_finding_run FOREIGN KEY (run_id) REFERENCES reconciliation_run (run_id),
    CONSTRAINT ck_reconciliation_finding_status CHECK (status IN ('REPAIRED', 'FLAGGED', 'OPEN'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Alerts. At most one FIRING alert per (rule, subject): the unique generated column; a resolved one stays as history.
CREATE TABLE alert (
    alert_id     BIGINT        NOT NULL AUTO_INCREMENT,
    rule         VARCHAR(48)   NOT NULL,
    subject      VARCHAR(64)   NOT NULL DEFAULT '' COMMENT 'the user of a per-user rule; empty otherwise',
    state        VARCHAR(16)   NOT NULL COMMENT 'FIRING or RESOLVED',
    firing_key   VARCHAR(120) GENERATED ALWAYS AS (IF(state = 'FIRING', CONCAT(rule, '|', subject), NULL)) STORED,
    threshold    VARCHAR(40)   NOT NULL,
    value        VARCHAR(40)   NOT NULL,
    detail       VARCHAR(500)  NULL,
    raised_at    DATETIME(3)   NOT NULL,
    last_seen_at DATETIME(3)   NOT NULL,
    resolved_at  DATETIME(3)   NULL,
    PRIMARY KEY (alert_id),
    UNIQUE KEY uk_alert_firing (firing_key),
    KEY idx_alert_state (state, alert_id),
    CONSTRAINT ck_alert_state CHECK (state IN ('FIRING', 'RESOLVED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
