package com.orderpay.gateway.request;

import com.orderpay.gateway.problem.ProblemResponses;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.request.CanonicalPath;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The edge refuses any path that is not canonical ({@code /api/%61dmin/...}, {@code ;} parameters, dot segments,
 * {@code //}) with a 400 problem before security or routing read it: the gateway's matchers decode such a path, the
 * service behind might not, and the two must never disagree on what was asked.
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
        Optional<String> problem = CanonicalPath.problemWith(exchange.getRequest().getURI().getRawPath());
        if (problem.isPresent()) {
            // The body is read (and dropped) first: a connection closed on unread bytes is reset, and the client
            // would never see the answer.
            return exchange.getRequest().getBody().doOnNext(DataBufferUtils::release).then(Mono.defer(() ->
                    problems.write(exchange, ProblemCode.VALIDATION_FAILED, "Request path refused: " + problem.get())));
        }
        return chain.filter(exchange);
    }
}
