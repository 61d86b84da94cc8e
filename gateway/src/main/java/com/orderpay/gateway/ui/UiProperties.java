package com.orderpay.gateway.ui;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the operations console and the demo storefront sign in where no dev tokens are minted: OIDC authorization code
 * with PKCE at the identity provider of {@code orderpay.jwt.issuer}, as public clients.
 *
 * @param consoleClientId the console's client id at the identity provider (env {@code ORDERPAY_CONSOLE_CLIENT_ID})
 * @param shopClientId    the storefront's (env {@code ORDERPAY_SHOP_CLIENT_ID})
 * @param oidcScope       the scopes asked for (env {@code ORDERPAY_OIDC_SCOPE}); the access token must carry the
 *                        audience and {@code roles} claim the gateway checks
 */
@ConfigurationProperties("orderpay.ui")
public record UiProperties(String consoleClientId, String shopClientId, String oidcScope) {

    public UiProperties {
        oidcScope = oidcScope == null || oidcScope.isBlank() ? "openid profile" : oidcScope.strip();
    }
}
