package com.orderpay.platform.identity;

/**
 * Headers of the hop from the gateway (and between services). The gateway strips any client-sent copy and
 * sets its own; services believe them only together with the shared internal credential.
 */
public final class IdentityHeaders {

    public static final String USER_ID = "X-User-Id";
    public static final String USER_ROLES = "X-User-Roles";
    /** Shared secret proving the hop came from the gateway or a sibling service (ORDERPAY_INTERNAL_TOKEN). */
    public static final String INTERNAL_TOKEN = "X-Internal-Token";

    private IdentityHeaders() {
    }
}
