package com.orderpay.gateway.resilience;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * One circuit breaker per downstream service, counting only {@link DownstreamFailures}.
 *
 * @param failureRateThreshold          percentage of failed calls that opens the circuit
 * @param slidingWindowSize             calls the failure rate is computed over
 * @param minimumNumberOfCalls          calls needed before the rate counts
 * @param waitDurationInOpenState       how long an open circuit refuses calls before probing again
 * @param permittedCallsInHalfOpenState probe calls while half open
 * @param timeLimit                     backstop on a whole call, above the HTTP response timeout
 */
@ConfigurationProperties("orderpay.gateway.circuit-breaker")
public record CircuitBreakerProperties(float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
        Duration waitDurationInOpenState, int permittedCallsInHalfOpenState, Duration timeLimit) {
}
