package com.orderpay.wallet.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Finishes the wallet's branch of a global transaction the coordinator no longer drives: {@code COMMIT} debits the
 * TRYING freeze of that transaction (its Confirm), {@code ROLLBACK} unfreezes it (its Cancel). Idempotent; a freeze
 * already past that step is left as it is.
 */
public record SettlementRequest(@NotBlank @Size(max = 128) String xid, @NotNull Outcome outcome) {

    public enum Outcome {
        COMMIT, ROLLBACK
    }
}
