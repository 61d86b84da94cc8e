package com.orderpay.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-user token bucket in Redis.
 *
 * @param replenishRate   tokens added per second
 * @param burstCapacity   bucket size: the most requests a user can make at once
 * @param requestedTokens tokens one request costs (above 1 makes rates below one per second)
 * @param maxInFlightPerUser the most requests one user may have in flight through this gateway replica at once; one
 *                        more is refused at once: below a service's admission limit, so that no single user (a
 *                        slow upload, say) holds the capacity everyone shares
 */
@ConfigurationProperties("orderpay.gateway.rate-limit")
public record RateLimitProperties(int replenishRate, int burstCapacity, int requestedTokens,
                                  @DefaultValue("64") int maxInFlightPerUser) {

    public RateLimitProperties {
        if (replenishRate < 1 || burstCapacity < replenishRate || requestedTokens < 1 || maxInFlightPerUser < 1) {
            throw new IllegalStateException("orderpay.gateway.rate-limit needs replenish-rate >= 1, "
                    + "burst-capacity >= replenish-rate, requested-tokens >= 1 and max-in-flight-per-user >= 1");
        }
    }

    /** Whole seconds until a denied user has the tokens of one request again. */
    public long retryAfterSeconds() {
        return Math.max(1, (requestedTokens + replenishRate - 1) / replenishRate);
    }
}
