package com.orderpay.gateway.request;

import com.orderpay.gateway.problem.ProblemResponses;
import com.orderpay.platform.problem.ProblemCode;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The backstop on a whole exchange: a request the gateway has not answered within
 * {@code orderpay.gateway.exchange-deadline} is answered 503 with Retry-After, and whatever still holds it (a filter,
 * a pool, a downstream call) is cancelled. The HTTP response timeout and the circuit breaker's time limit only cover
 * the call to the service; a request once stalled in front of them for 60 s with no log line (the fault suite's
 * set-up, not reproduced).
 * The outcome is unknown to the client as after any 503: a write is retried under its Idempotency-Key.
 */
@Component
public class ExchangeDeadlineFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ExchangeDeadlineFilter.class);

    private final Duration deadline;
    private final ProblemResponses problems;

    public ExchangeDeadlineFilter(RequestLimits limits, ProblemResponses problems) {
        this.deadline = limits.exchangeDeadline();
        this.problems = problems;
    }

    /** Right inside the request id filter, so that its access line and header cover the backstop's answer too. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).timeout(deadline, Mono.defer(() -> overdue(exchange)));
    }

    private Mono<Void> overdue(ServerWebExchange exchange) {
        try (ExchangeLogContext ignored = ExchangeLogContext.of(exchange)) {
            log.error("{} {} not answered within the exchange deadline of {}: answered 503, the rest cancelled",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath(), deadline);
        }
        if (exchange.getResponse().isCommitted()) {
            // The answer had started: too late for a problem, the connection is closed instead.
            return Mono.error(new TimeoutException("Exchange deadline of " + deadline + " passed mid-answer"));
        }
        return problems.write(exchange, ProblemCode.SERVICE_UNAVAILABLE,
                "The request was not answered within " + deadline.toSeconds() + " s; retry later (a write under "
                        + "the same Idempotency-Key)",
                headers -> headers.set(HttpHeaders.RETRY_AFTER, "1"));
    }
}
