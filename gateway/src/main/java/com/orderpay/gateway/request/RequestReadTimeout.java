package com.orderpay.gateway.request;

import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpServer;

/**
 * A request whose body has not all arrived within {@code orderpay.gateway.request-read-timeout} is given up and its
 * connection closed, without counting against the service it was for: a client trickling a body a byte every few
 * seconds held a place in flight (and a service's admission slot) until the 30 s response timeout, which then counted
 * as the service failing, and a few hundred such uploads took the capacity of everyone and opened the circuit.
 * A total for the whole body, not a pause between reads: a byte every 5 s never pauses 10 s.
 */
@Component
public class RequestReadTimeout implements NettyServerCustomizer {

    private final RequestLimits limits;

    public RequestReadTimeout(RequestLimits limits) {
        this.limits = limits;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.requestTimeout(limits.requestReadTimeout());
    }
}
