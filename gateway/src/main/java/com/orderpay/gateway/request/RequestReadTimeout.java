package com.orderpay.gateway.request;

import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpServer;

/**
 * A request whose bytes stop coming for {@code orderpay.gateway.request-read-timeout} is given up and its connection
 * closed: without it, a client trickling a body a byte every few seconds held a place in flight (and a service's
 * admission slot) until the 30 s response timeout, and a few hundred such uploads took the capacity of everyone.
 */
@Component
public class RequestReadTimeout implements NettyServerCustomizer {

    private final RequestLimits limits;

    public RequestReadTimeout(RequestLimits limits) {
        this.limits = limits;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.readTimeout(limits.requestReadTimeout());
    }
}
