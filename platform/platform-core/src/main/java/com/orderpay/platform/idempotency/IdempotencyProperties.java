package com.orderpay.platform.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long a key and its first response are kept (api.md: at least 24 hours)
 * @param inFlightLease how long a key stays claimed by a request that never finished (a crashed process);
 *                      longer than a global transaction's timeout, so a takeover never overlaps the first try
 */
@ConfigurationProperties("orderpay.idempotency")
public record IdempotencyProperties(@DefaultValue("PT24H") Duration retention,
                                    @DefaultValue("PT2M") Duration inFlightLease) {
}
