package com.orderpay.gateway.request;

import com.orderpay.gateway.problem.ProblemResponses;
import com.orderpay.platform.problem.ProblemCode;
import io.netty.handler.codec.http.HttpVersion;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * An HTTP/1.1 request without a Host header is a 400 (RFC 9112, section 3.2: a server must refuse it), not a request
 * served with whatever host the server fills in for it. HTTP/1.0 has no Host to require; HTTP/2 names the authority
 * in its own pseudo-header.
 */
@Component
public class HostHeaderFilter implements WebFilter, Ordered {

    private final ProblemResponses problems;

    public HostHeaderFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    /** With the path check: after the body limit, before security and routing. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 11;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getHeaders().containsKey(HttpHeaders.HOST) || !http11(request)) {
            return chain.filter(exchange);
        }
        // The body is drained first, as for a refused path: a connection closed on unread bytes loses the answer.
        return request.getBody().doOnNext(DataBufferUtils::release).then(Mono.defer(() -> problems.write(exchange,
                ProblemCode.VALIDATION_FAILED, "An HTTP/1.1 request must carry a Host header (RFC 9112)")));
    }

    private static boolean http11(ServerHttpRequest request) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        return nativeRequest instanceof HttpServerRequest netty && HttpVersion.HTTP_1_1.equals(netty.version());
    }
}
