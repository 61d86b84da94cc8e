package com.orderpay.wallet.domain;

/** A phase-two step that contradicts the freeze's final state: a Confirm of an unfrozen freeze, or the reverse. */
public class IllegalFreezeTransitionException extends RuntimeException {

    private final FreezeStatus status;

    public IllegalFreezeTransitionException(String message, FreezeStatus status) {
        super(message);
        this.status = status;
    }

    public FreezeStatus status() {
        return status;
    }
}
