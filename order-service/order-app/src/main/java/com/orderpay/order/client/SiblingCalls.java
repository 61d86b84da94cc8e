package com.orderpay.order.client;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Calls to a sibling through its circuit breaker (one per sibling, named like the service; settings under
 * {@code resilience4j.circuitbreaker.instances.<service>}): while a sibling keeps failing, callers get 503 at
 * once instead of queueing on its timeouts. Only reads may also be retried: a TCC Try is never repeated outside
 * the global transaction that owns it.
 */
@Component
public class SiblingCalls {

    private final CircuitBreakerRegistry circuitBreakers;
    private final RetryRegistry retries;

    public SiblingCalls(CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        this.circuitBreakers = circuitBreakers;
        this.retries = retries;
    }

    /** A call that changes something: one attempt, through the sibling's circuit. */
    public <T> T call(String sibling, Supplier<T> call) {
        return guarded(sibling, circuitBreakers.circuitBreaker(sibling).decorateSupplier(call));
    }

    /** A read: through the sibling's circuit, retried by the {@code <sibling>-reads} policy when it failed. */
    public <T> T read(String sibling, Supplier<T> call) {
        CircuitBreaker circuit = circuitBreakers.circuitBreaker(sibling);
        Retry retry = retries.retry(sibling + "-reads");
        return guarded(sibling, Retry.decorateSupplier(retry, circuit.decorateSupplier(call)));
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
