package com.orderpay.gateway.request;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestBody   the largest request body the gateway accepts or forwards (orders are small)
 * @param exchangeDeadline the longest any request waits for the gateway's answer, whatever holds it
 *                         ({@link ExchangeDeadlineFilter}); above the HTTP response timeout and the circuit breaker's
 *                         time limit, which answer first when a service is slow
 * @param requestReadTimeout the longest a request's body may take to arrive in full (trickled in, say): past it the
 *                         connection is closed, and the request ends without holding a place in flight
 */
@ConfigurationProperties("orderpay.gateway")
public record RequestLimits(DataSize maxRequestBody, Duration exchangeDeadline, Duration requestReadTimeout) {

    public RequestLimits {
        if (maxRequestBody == null || maxRequestBody.toBytes() <= 0) {
            throw new IllegalStateException("orderpay.gateway.max-request-body must be positive");
        }
        if (exchangeDeadline == null || exchangeDeadline.isNegative() || exchangeDeadline.isZero()) {
            throw new IllegalStateException("orderpay.gateway.exchange-deadline must be positive");
        }
        if (requestReadTimeout == null || requestReadTimeout.isNegative() || requestReadTimeout.isZero()) {
            throw new IllegalStateException("orderpay.gateway.request-read-timeout must be positive");
        }
    }
}
