package com.orderpay.order.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Finishes the order's branch of a global transaction the coordinator no longer drives (its store was lost, or it
 * gave up retrying): {@code COMMIT} does what the branch's Confirm would have done, {@code ROLLBACK} what its Cancel
 * would have done. Only for the transaction {@code xid} that placed or is paying the order, and only while the order
 * is still PLACING or PAYING under it; otherwise nothing changes and the order is answered as it stands.
 */
public record SettlementRequest(@NotBlank @Size(max = 128) String xid, @NotNull Outcome outcome) {

    public enum Outcome {
        COMMIT, ROLLBACK
    }
}
