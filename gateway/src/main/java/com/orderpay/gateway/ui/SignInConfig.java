package com.orderpay.gateway.ui;

/**
 * What a page needs to sign its user in ({@code /console/config.json}, {@code /shop/config.json}): {@code method}
 * {@code dev-tokens} (the local profile's {@code POST /api/dev/tokens}), {@code oidc} (authorization code with PKCE at
 * {@code authority}, as {@code clientId}, asking for {@code scope}) or {@code none} (nothing configured: the page says
 * so). Nothing in it is a secret: public clients have none.
 */
public record SignInConfig(String method, String authority, String clientId, String scope) {

    static SignInConfig devTokens() {
        return new SignInConfig("dev-tokens", null, null, null);
    }

    static SignInConfig none() {
        return new SignInConfig("none", null, null, null);
    }
}
