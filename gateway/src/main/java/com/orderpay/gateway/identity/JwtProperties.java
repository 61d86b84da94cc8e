package com.orderpay.gateway.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param secret      HS256 key (at least 32 bytes) verifying tokens when no JWK set URI is configured, and
 *                    signing dev tokens; empty in clusters
 * @param devTokenTtl lifetime of a token minted by {@code POST /api/dev/tokens} (local profile only)
 */
@ConfigurationProperties("orderpay.jwt")
public record JwtProperties(String secret, Duration devTokenTtl) {

    public JwtProperties {
        if (devTokenTtl == null) {
            devTokenTtl = Duration.ofHours(12);
        }
    }

    public boolean hasSecret() {
        return secret != null && !secret.isBlank();
    }
}
