package com.orderpay.gateway.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param internalToken the shared credential the services require on every hop (the same value as theirs:
 *                      ORDERPAY_INTERNAL_TOKEN)
 */
@ConfigurationProperties("orderpay.identity")
public record IdentityProperties(String internalToken) {

    public IdentityProperties {
        if (internalToken == null || internalToken.isBlank()) {
            throw new IllegalStateException("orderpay.identity.internal-token must be set");
        }
    }
}
