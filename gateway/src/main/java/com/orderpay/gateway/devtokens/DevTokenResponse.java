package com.orderpay.gateway.devtokens;

/** {@code {"token":"..."}}: a bearer token for {@code Authorization: Bearer <token>}. */
public record DevTokenResponse(String token) {
}
