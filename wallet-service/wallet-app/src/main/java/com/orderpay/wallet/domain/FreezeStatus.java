package com.orderpay.wallet.domain;

/** TRYING (Try done: the money is frozen) → DEBITED (Confirm) or UNFROZEN (Cancel); both are final. */
public enum FreezeStatus {
    TRYING,
    DEBITED,
    UNFROZEN
}
