package com.orderpay.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.channel.ChannelException;
import io.netty.handler.timeout.TimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * What counts as "the downstream service is unavailable": it refused the connection, closed it early, did not
 * answer in time, has no instance, or its circuit is open. The same classification drives the circuit breakers
 * (only these count as failures, never a client's bad request) and the 503 answer of a routed request.
 */
public final class DownstreamFailures {

    private DownstreamFailures() {
    }

    public static boolean isDownstreamFailure(Throwable error) {
        if (error instanceof ResponseStatusException status && status.getStatusCode().is4xxClientError()) {
            return false; // the client's fault (bad body, too large), whatever the cause chain holds
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof PrematureCloseException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof TimeoutException
                    || t instanceof ChannelException
                    || t instanceof CallNotPermittedException
                    || t instanceof ServiceUnavailableException
                    || t instanceof org.springframework.cloud.gateway.support.TimeoutException) {
                return true;
            }
            if (t instanceof ResponseStatusException status
                    && (status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()
                            || status.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value())) {
                return true; // response timeout, no instance of the service
            }
            if (t instanceof IOException) {
                return true; // connection reset and the like
            }
        }
        return false;
    }
}
