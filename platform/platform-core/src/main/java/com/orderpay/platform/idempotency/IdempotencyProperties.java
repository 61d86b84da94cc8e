package com.orderpay.platform.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long a key and its first response are kept (api.md: at least 24 hours)
 * @param inFlightLease how long a key stays claimed by a request that never finished (a crashed process);
 *                      longer than a global transaction's timeout, so a takeover never overlaps the first try
 * @param retryableMarkWait how long an attempt that ended without an answer waits for its key to be marked
 *                          retryable before it answers anyway (the database is down or saturated, most likely): the
 *                          mark lands in the background, and a retry meanwhile meets 409 in flight
 */
@ConfigurationProperties("orderpay.idempotency")
public record IdempotencyProperties(@DefaultValue("PT24H") Duration retention,
                                    @DefaultValue("PT2M") Duration inFlightLease,
                                    @DefaultValue("PT1S") Duration retryableMarkWait) {

    public IdempotencyProperties {
        if (retryableMarkWait.isNegative()) {
            throw new IllegalStateException("orderpay.idempotency.retryable-mark-wait must not be negative");
        }
    }
}
