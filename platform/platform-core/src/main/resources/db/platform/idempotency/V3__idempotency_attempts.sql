-- A key whose attempt ended without an answer is never released (a global transaction may have committed after
-- all): it becomes RETRYABLE and the next request under it resumes as attempt + 1, looking for what the earlier one
-- did. owner names the process holding an IN_FLIGHT key, so that a restarted instance frees its own at once.
ALTER TABLE idempotency_record
    ADD COLUMN attempt INT NOT NULL DEFAULT 1 COMMENT 'current attempt; only it may store the answer' AFTER state,
    ADD COLUMN owner VARCHAR(200) NULL COMMENT 'instance holding an IN_FLIGHT key' AFTER attempt,
    ADD KEY idx_idempotency_record_owner (owner),
    ADD CONSTRAINT ck_idempotency_record_state CHECK (state IN ('IN_FLIGHT', 'RETRYABLE', 'COMPLETED'));
