package com.orderpay.platform.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param internalToken the shared internal credential; from the environment (ORDERPAY_IDENTITY_INTERNALTOKEN)
 *                      in clusters, a fixed development value locally
 */
@ConfigurationProperties("orderpay.identity")
public record IdentityProperties(String internalToken) {

    public IdentityProperties {
        if (internalToken == null || internalToken.isBlank()) {
            throw new IllegalStateException("orderpay.identity.internal-token must be set");
        }
    }
}
