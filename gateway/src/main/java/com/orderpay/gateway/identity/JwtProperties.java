package com.orderpay.gateway.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param secret      HS256 key (at least 32 bytes) verifying tokens when no JWK set URI is configured, and
 *                    signing dev tokens; empty in clusters
 * @param issuer      when set, the {@code iss} every token must carry (required under k8s)
 * @param audience    when set, an {@code aud} every token must include (required under k8s)
 * @param devTokenTtl lifetime of a token minted by {@code POST /api/dev/tokens} (local profile only)
 */
@ConfigurationProperties("orderpay.jwt")
public record JwtProperties(String secret, String issuer, String audience, Duration devTokenTtl) {

    public JwtProperties {
        if (devTokenTtl == null) {
            devTokenTtl = Duration.ofHours(12);
        }
    }

    public boolean hasSecret() {
        return secret != null && !secret.isBlank();
    }

    public boolean hasIssuer() {
        return issuer != null && !issuer.isBlank();
    }

    public boolean hasAudience() {
        return audience != null && !audience.isBlank();
    }
}
