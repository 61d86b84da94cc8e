package com.orderpay.order.client;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Calls to a sibling through its circuit breaker (one per sibling, named like the service; settings under
 * {@code resilience4j.circuitbreaker.instances.<service>}): while a sibling keeps failing, callers get 503 at
 * once instead of queueing on its timeouts. Nothing is retried here: a TCC Try is never repeated outside the global
 * transaction that owns it, and a client's retry under its Idempotency-Key is the one safe place to try again.
 */
@Component
public class SiblingCalls {

    private final CircuitBreakerRegistry circuitBreakers;

    public SiblingCalls(CircuitBreakerRegistry circuitBreakers) {
        this.circuitBreakers = circuitBreakers;
    }

    /** One attempt, through the sibling's circuit. */
    public <T> T call(String sibling, Supplier<T> call) {
        return guarded(sibling, circuitBreakers.circuitBreaker(sibling).decorateSupplier(call));
    }

    private static <T> T guarded(String sibling, Supplier<T> call) {
        try {
            return call.get();
        } catch (CallNotPermittedException e) {
            throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE,
                    sibling + " is failing; its circuit is open, nothing was changed, retry later");
        }
    }
}
