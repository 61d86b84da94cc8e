package com.orderpay.platform.idempotency;

/**
 * One attempt at the work of an Idempotency-Key.
 *
 * @param number 1 for the first; higher when an earlier attempt ended without an answer (a 5xx, a crash) and may
 *               have had effects all the same
 */
public record IdempotentAttempt(int number) {

    /** An earlier attempt under this key may have moved something: look for its effect before doing anything. */
    public boolean isResumed() {
        return number > 1;
    }
}
