package com.orderpay.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-user token bucket in Redis.
 *
 * @param replenishRate   tokens added per second
 * @param burstCapacity   bucket size: the most requests a user can make at once
 * @param requestedTokens tokens one request costs (above 1 makes rates below one per second)
 */
@ConfigurationProperties("orderpay.gateway.rate-limit")
public record RateLimitProperties(int replenishRate, int burstCapacity, int requestedTokens) {

    public RateLimitProperties {
        if (replenishRate < 1 || burstCapacity < replenishRate || requestedTokens < 1) {
            throw new IllegalStateException("orderpay.gateway.rate-limit needs replenish-rate >= 1, "
                    + "burst-capacity >= replenish-rate and requested-tokens >= 1");
        }
    }

    /** Whole seconds until a denied user has the tokens of one request again. */
    public long retryAfterSeconds() {
        return Math.max(1, (requestedTokens + replenishRate - 1) / replenishRate);
    }
}
