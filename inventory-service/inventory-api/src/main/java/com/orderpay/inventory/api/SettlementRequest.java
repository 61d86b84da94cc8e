package com.orderpay.inventory.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Finishes the reservation's branch of a global transaction the coordinator no longer drives: {@code COMMIT} does
 * what the branch's Confirm would have done (a reservation Try becomes SOLD or HELD, a sale SOLD), {@code ROLLBACK}
 * what its Cancel would have done (CANCELLED, or HELD again). Idempotent; a line already past that step is left as
 * it is.
 */
public record SettlementRequest(@NotBlank @Size(max = 128) String xid, @NotNull Outcome outcome) {

    public enum Outcome {
        COMMIT, ROLLBACK
    }
}
