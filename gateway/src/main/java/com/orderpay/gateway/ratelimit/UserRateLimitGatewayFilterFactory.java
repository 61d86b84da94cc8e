package com.orderpay.gateway.ratelimit;

import com.orderpay.gateway.problem.ProblemResponses;
import com.orderpay.gateway.request.ExchangeLogContext;
import com.orderpay.gateway.request.ThrottledWarning;
import com.orderpay.platform.problem.ProblemCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code UserRateLimit}: the stock {@code RequestRateLimiter} logic (same {@link RedisRateLimiter} and
 * {@link KeyResolver}) with one bucket per user across all routes, answering a denied request with 429
 * problem+json {@code rate-limited} and {@code Retry-After} instead of an empty 429. When Redis cannot answer,
 * the limiter lets the request through (fail open); that is counted and logged at most every 30 s. Besides the rate,
 * a user may have at most {@code max-in-flight-per-user} requests in flight through this replica: one more is a 429
 * at once, before Redis is asked.
 */
@Component
public class UserRateLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<UserRateLimitGatewayFilterFactory.Config> {

    /** Passed as the limiter's route id: makes the bucket per user, not per user and route. */
    private static final String BUCKET = "user";
    private static final Logger log = LoggerFactory.getLogger(UserRateLimitGatewayFilterFactory.class);

    private final RedisRateLimiter rateLimiter;
    private final KeyResolver keyResolver;
    private final ProblemResponses problems;
    private final long retryAfterSeconds;
    private final Counter failedOpen;
    private final ThrottledWarning redisDown = new ThrottledWarning(Duration.ofSeconds(30));
    private final int maxInFlightPerUser;
    private final UsersInFlight inFlight;

    public UserRateLimitGatewayFilterFactory(RedisRateLimiter rateLimiter, KeyResolver userKeyResolver,
            ProblemResponses problems, RateLimitProperties limits, MeterRegistry meterRegistry) {
        super(Config.class);
        this.rateLimiter = rateLimiter;
        this.keyResolver = userKeyResolver;
        this.problems = problems;
        this.retryAfterSeconds = limits.retryAfterSeconds();
        this.maxInFlightPerUser = limits.maxInFlightPerUser();
        this.inFlight = new UsersInFlight(maxInFlightPerUser);
        this.failedOpen = Counter.builder("orderpay.gateway.ratelimit.failopen")
                .description("Requests let through unlimited because Redis did not answer the rate limiter")
                .register(meterRegistry);
    }

    @Override
    public GatewayFilter apply(Config config) {
        return (exchange, chain) -> keyResolver.resolve(exchange)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(user -> {
                    if (user.isEmpty()) {
                        return chain.filter(exchange);
                    }
                    if (!inFlight.tryEnter(user.get())) {
                        return problems.write(exchange, ProblemCode.RATE_LIMITED, "Too many requests of this user "
                                        + "in flight at once (" + maxInFlightPerUser + "); retry in 1 s",
                                out -> out.set(HttpHeaders.RETRY_AFTER, "1"));
                    }
                    return limited(exchange, chain, user.get()).doFinally(signal -> inFlight.leave(user.get()));
                });
    }

    private Mono<Void> limited(ServerWebExchange exchange, GatewayFilterChain chain, String user) {
        return rateLimiter.isAllowed(BUCKET, user).flatMap(response -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            response.getHeaders().forEach(headers::set);
            if ("-1".equals(response.getHeaders().get(rateLimiter.getRemainingHeader()))) {
                failedOpen(exchange);
            }
            if (response.isAllowed()) {
                return chain.filter(exchange);
            }
            return problems.write(exchange, ProblemCode.RATE_LIMITED,
                    "Too many requests for this user; retry in " + retryAfterSeconds + " s",
                    out -> out.set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds)));
        });
    }

    /** Users with requests in flight right now: an idle user holds no entry. */
    public int usersInFlight() {
        return inFlight.users();
    }

    private void failedOpen(ServerWebExchange exchange) {
        failedOpen.increment();
        if (redisDown.due()) {
            try (ExchangeLogContext ignored = ExchangeLogContext.of(exchange)) {
                log.warn("Rate limiter unavailable (Redis did not answer): requests pass without per-user limits");
            }
        }
    }

    /** No arguments: the limits are {@code orderpay.gateway.rate-limit.*}. */
    public static class Config {
    }
}
