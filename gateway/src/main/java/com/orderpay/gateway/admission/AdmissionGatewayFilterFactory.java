package com.orderpay.gateway.admission;

import com.orderpay.gateway.problem.ProblemResponses;
import com.orderpay.gateway.request.ExchangeLogContext;
import com.orderpay.gateway.request.ThrottledWarning;
import com.orderpay.platform.problem.ProblemCode;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code Admission=<service>}: admission control at the edge. At most {@code max-concurrent-calls} requests of
 * this gateway are in flight to one service (a Resilience4j semaphore bulkhead named after the service, which never
 * waits); one more is answered at once with 429 {@code rate-limited} and {@code Retry-After}, before anything is
 * sent, so it changed nothing and may be retried as it is.
 *
 * <p>Why: past the machine's capacity every process queues, latency grows until the 30 s timeouts (20 s p99 at
 * 50 orders/s offered on a 45/s system, bench/RESULTS.md) and the gateway, holding the queue, collects for
 * seconds. A bound on what is in flight bounds the wait of what is admitted to about
 * {@code limit / throughput}; the excess is told to come back instead of timing out. The limit is a ceiling on
 * queued work, not a capacity estimate: it sits above the buyers the system is sized for (64 here), so a load
 * the system can carry is never refused. The permit is held until the answer is written, and given back when the
 * client goes away or the call fails.
 */
@Component
public class AdmissionGatewayFilterFactory extends AbstractGatewayFilterFactory<AdmissionGatewayFilterFactory.Config> {

    static final long RETRY_AFTER_SECONDS = 1;
    private static final Logger log = LoggerFactory.getLogger(AdmissionGatewayFilterFactory.class);

    private final BulkheadRegistry bulkheads;
    private final ProblemResponses problems;
    private final MeterRegistry meterRegistry;

    public AdmissionGatewayFilterFactory(BulkheadRegistry bulkheads, ProblemResponses problems,
            MeterRegistry meterRegistry) {
        super(Config.class);
        this.bulkheads = bulkheads;
        this.problems = problems;
        this.meterRegistry = meterRegistry;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("service");
    }

    @Override
    public GatewayFilter apply(Config config) {
        String service = config.getService();
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("Admission needs the service it guards, e.g. Admission=order-service");
        }
        Bulkhead bulkhead = bulkheads.bulkhead(service);
        int limit = bulkhead.getBulkheadConfig().getMaxConcurrentCalls();
        Counter refused = Counter.builder("orderpay.gateway.admission.refused")
                .description("Requests answered 429 because the service had its limit of requests in flight")
                .tag("service", service)
                .register(meterRegistry);
        ThrottledWarning atCapacity = new ThrottledWarning(Duration.ofSeconds(10));
        return (exchange, chain) -> {
            if (!bulkhead.tryAcquirePermission()) {
                refused.increment();
                if (atCapacity.due()) {
                    try (ExchangeLogContext ignored = ExchangeLogContext.of(exchange)) {
                        log.warn("{} has {} requests in flight from this gateway, its limit: refusing more with 429 "
                                + "({} refused since start)", service, limit, (long) refused.count());
                    }
                }
                return problems.write(exchange, ProblemCode.RATE_LIMITED,
                        service + " is at capacity; retry in " + RETRY_AFTER_SECONDS + " s",
                        headers -> headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS)));
            }
            // Released exactly once: answered, failed, or the client went away.
            return Mono.defer(() -> chain.filter(exchange)).doFinally(signal -> bulkhead.onComplete());
        };
    }

    /** The service the route leads to; its bulkhead carries the same name. */
    public static class Config {

        private String service;

        public String getService() {
            return service;
        }

        public void setService(String service) {
            this.service = service;
        }
    }
}
