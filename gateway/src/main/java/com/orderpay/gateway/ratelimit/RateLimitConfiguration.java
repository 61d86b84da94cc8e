package com.orderpay.gateway.ratelimit;

import java.security.Principal;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * Redis token buckets keyed by the verified user id. Redis being down or slow does not stop traffic: the
 * limiter logs the error and lets the request through after at most {@code spring.data.redis.timeout}.
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfiguration {

    @Bean
    RedisRateLimiter redisRateLimiter(RateLimitProperties limits) {
        return new RedisRateLimiter(limits.replenishRate(), limits.burstCapacity(), limits.requestedTokens());
    }

    /** The {@code sub} of the verified token; every routed path is authenticated, so there always is one. */
    @Bean
    KeyResolver userKeyResolver() {
        return exchange -> exchange.getPrincipal().map(Principal::getName).flatMap(Mono::justOrEmpty);
    }
}
