-- One row per (user, Idempotency-Key): the request's hash and the first response, replayed on a retry.
CREATE TABLE idempotency_record (
    scope           VARCHAR(64)  NOT NULL COMMENT 'whose key: the user id',
    idempotency_key VARCHAR(128) NOT NULL,
    request_hash    CHAR(64)     NOT NULL COMMENT 'SHA-256 of method, path and canonical body',
    state           VARCHAR(16)  NOT NULL COMMENT 'IN_FLIGHT or COMPLETED',
    response_status INT          NULL,
    response_type   VARCHAR(100) NULL,
    response_body   MEDIUMTEXT   NULL,
    created_at      DATETIME(3)  NOT NULL,
    updated_at      DATETIME(3)  NOT NULL,
    expires_at      DATETIME(3)  NOT NULL,
    PRIMARY KEY (scope, idempotency_key),
    KEY idx_idempotency_record_expires_at (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
