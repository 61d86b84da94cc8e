package com.orderpay.gateway.request;

import com.orderpay.gateway.problem.ProblemResponses;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.request.CanonicalPath;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Optional;
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
 * The edge refuses any path that is not canonical ({@code /api/%61dmin/...}, {@code ;} parameters, dot segments,
 * {@code //}) with a 400 problem before security or routing read it: the gateway's matchers decode such a path, the
 * service behind might not, and the two must never disagree on what was asked. So too an HTTP/1.1 request without a
 * Host header (RFC 9112, section 3.2: a server must refuse it), rather than serve it with a host Reactor Netty fills
 * in; HTTP/1.0 has no Host to require, HTTP/2 names the authority in its own pseudo-header.
 */
@Component
public class CanonicalPathFilter implements WebFilter, Ordered {

    private final ProblemResponses problems;

    public CanonicalPathFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    /** After the body limit (so the body it drains is bounded), before security and routing. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 11;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        Optional<String> problem = hostless(request)
                ? Optional.of("An HTTP/1.1 request must carry a Host header (RFC 9112)")
                : CanonicalPath.problemWith(request.getURI().getRawPath()).map(path -> "Request path refused: " + path);
        if (problem.isPresent()) {
            // The body is read (and dropped) first: a connection closed on unread bytes is reset, and the client
            // would never see the answer.
            return request.getBody().doOnNext(DataBufferUtils::release).then(Mono.defer(() ->
                    problems.write(exchange, ProblemCode.VALIDATION_FAILED, problem.get())));
        }
        return chain.filter(exchange);
    }

    private static boolean hostless(ServerHttpRequest request) {
        return !request.getHeaders().containsKey(HttpHeaders.HOST)
                && ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest netty
                && HttpVersion.HTTP_1_1.equals(netty.version());
    }
}
