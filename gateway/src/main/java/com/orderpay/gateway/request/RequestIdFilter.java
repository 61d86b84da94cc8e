package com.orderpay.gateway.request;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * First filter of every request: echoes a sane {@code X-Request-Id} (else makes one), sends it downstream, puts it
 * on the response, even on the gateway's own errors, and keeps it on the exchange for the log lines
 * ({@link ExchangeLogContext}); then writes one access log line, with the request id and the trace id.
 */
@Component
public class RequestIdFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger accessLog = LoggerFactory.getLogger("com.orderpay.gateway.access");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The request id of an exchange that passed this filter, or null. */
    public static String requestId(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
        String requestId = incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> h.set(HEADER, requestId)).build();
        ServerWebExchange withId = exchange.mutate().request(request).build();
        withId.getAttributes().put(ATTRIBUTE, requestId);
        HttpHeaders responseHeaders = withId.getResponse().getHeaders();
        responseHeaders.set(HEADER, requestId);
        // A downstream answer replaces the response headers; ours is the one the client gets.
        withId.getResponse().beforeCommit(() -> {
            responseHeaders.set(HEADER, requestId);
            return Mono.empty();
        });
        long started = System.nanoTime();
        return chain.filter(withId)
                .doFinally(signal -> logAccess(withId, started, signal));
    }

    private static void logAccess(ServerWebExchange exchange, long started, SignalType signal) {
        if (!accessLog.isInfoEnabled()) {
            return;
        }
        try (ExchangeLogContext ignored = ExchangeLogContext.of(exchange)) {
            accessLog.info("{} {} -> {} in {} ms", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    outcome(exchange, signal), (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * The status sent; when the client went away first (a cancel), nothing was, whatever the response's default status
     * says: nginx's 499, so that a log reader never counts a request nobody answered as a 200.
     */
    private static String outcome(ServerWebExchange exchange, SignalType signal) {
        var status = exchange.getResponse().getStatusCode();
        if (signal == SignalType.CANCEL) {
            return exchange.getResponse().isCommitted() && status != null
                    ? status.value() + " (the client went away during the answer)"
                    : "499 (the client went away before the answer)";
        }
        return status == null ? "-" : String.valueOf(status.value());
    }
}
