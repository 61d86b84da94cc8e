-- The subject of a per-user alert is a user id, an opaque case-sensitive string (as in every service since their
-- migrations of the same name): users ALICE and alice are two subjects, each with their own firing alert.
ALTER TABLE alert
    MODIFY subject VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT ''
        COMMENT 'the user of a per-user rule; empty otherwise',
    MODIFY firing_key VARCHAR(120) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin
        GENERATED ALWAYS AS (IF(state = 'FIRING', CONCAT(rule, '|', subject), NULL)) STORED;
