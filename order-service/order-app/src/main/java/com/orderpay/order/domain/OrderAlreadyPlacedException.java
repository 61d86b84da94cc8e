package com.orderpay.order.domain;

/**
 * A live order already exists for this user and Idempotency-Key: an earlier attempt under the same key placed it
 * (and may still be committing). The attempt that meets it rolls back and answers that order instead.
 */
public class OrderAlreadyPlacedException extends RuntimeException {

    private final String userId;
    private final String placementKey;

    public OrderAlreadyPlacedException(String userId, String placementKey) {
        super("User " + userId + " already has a live order under this Idempotency-Key");
        this.userId = userId;
        this.placementKey = placementKey;
    }

    public String userId() {
        return userId;
    }

    public String placementKey() {
        return placementKey;
    }
}
