package com.orderpay.gateway;

import static com.orderpay.gateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpay.devstack.SharedInfrastructure;
import com.orderpay.gateway.support.GatewayClient;
import com.orderpay.gateway.support.GatewayClient.Reply;
import com.orderpay.gateway.support.RecordingDownstream;
import com.orderpay.gateway.support.TestTokens;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Admission control at the edge: order-service may have 3 requests of this gateway in flight (every other service
 * the default); the stub holds {@code .../held} requests until the test lets them go.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orderpay.jwt.secret=" + TestTokens.SECRET,
        "orderpay.identity.internal-token=" + SharedInfrastructure.INTERNAL_TOKEN,
        "resilience4j.bulkhead.instances.order-service.max-concurrent-calls=" + AdmissionControlTest.LIMIT,
        "spring.data.redis.timeout=5s",
        "spring.data.redis.connect-timeout=5s"})
@DirtiesContext
class AdmissionControlTest {

    static final int LIMIT = 3;

    private static final RecordingDownstream ORDERS = RecordingDownstream.start("order-service");
    private static final RecordingDownstream OTHERS = RecordingDownstream.start("other-service");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        RecordingDownstream.wire(registry, ORDERS, OTHERS);
    }

    @LocalServerPort
    int port;

    @Autowired
    BulkheadRegistry bulkheads;

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory circuitBreakers;

    @Autowired
    MeterRegistry meterRegistry;

    GatewayClient gateway;
    ExecutorService clients;

    @BeforeEach
    void setUp() {
        ORDERS.clear();
        ORDERS.holdRequests();
        gateway = new GatewayClient(port);
        clients = Executors.newCachedThreadPool();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        ORDERS.releaseHeld();
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @AfterAll
    static void stopServers() {
        ORDERS.close();
        OTHERS.close();
    }

    @Test
    void pastTheLimitARequestIsRefusedAtOnceWith429AndNeverReachesTheService() throws Exception {
        List<Future<Reply>> admitted = holdLimitManyRequests();
        double refusedBefore = refused();
        CircuitBreaker orderService = circuitBreakers.getCircuitBreakerRegistry().circuitBreaker("order-service");
        int failedBefore = orderService.getMetrics().getNumberOfFailedCalls();

        long started = System.nanoTime();
        Reply refused = gateway.post("/api/orders", TestTokens.user("late-buyer"), "{\"skuId\":\"SKU-1\",\"quantity\":1}",
                "Idempotency-Key", "late-1");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        JsonNode problem = assertProblem(refused, 429, "rate-limited");
        assertThat(problem.path("detail").asText()).isEqualTo("order-service is at capacity; retry in 1 s");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/orders");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("X-Request-Id")).as("traceable in the gateway's access log").isNotBlank();
        assertThat(tookMillis).as("refused without waiting for a permit").isLessThan(2_000);
        assertThat(ORDERS.count("/api/orders")).as("nothing was sent: it changed nothing").isZero();
        assertThat(refused() - refusedBefore).isEqualTo(1.0);
        assertThat(gateway.get("/api/skus", TestTokens.user("late-buyer")).status())
                .as("one limit per service: the others still answer").isEqualTo(200);

        assertThat(orderService.getMetrics().getNumberOfFailedCalls())
                .as("a refusal at the door says nothing about the service's health").isEqualTo(failedBefore);

        ORDERS.releaseHeld();
        for (Future<Reply> reply : admitted) {
            assertThat(reply.get(20, TimeUnit.SECONDS).status()).as("the admitted ones are answered").isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> orderServiceBulkhead().getMetrics()
                .getAvailableConcurrentCalls() == LIMIT);
        Reply retried = gateway.post("/api/orders", TestTokens.user("late-buyer"), "{\"skuId\":\"SKU-1\",\"quantity\":1}",
                "Idempotency-Key", "late-1");
        assertThat(retried.status()).as("the same request, retried after Retry-After").isEqualTo(200);
        assertThat(ORDERS.count("/api/orders")).isEqualTo(1);
    }

    @Test
    void aPermitIsGivenBackWhenTheClientLeavesOrTheServiceFails() throws Exception {
        List<Socket> leaving = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            Socket client = new Socket("127.0.0.1", port);
            OutputStream out = client.getOutputStream();
            out.write(("GET /api/orders/o-" + i + "/held HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + TestTokens.user("leaver-" + i) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            leaving.add(client);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ORDERS.held() == LIMIT);
        assertThat(orderServiceBulkhead().getMetrics().getAvailableConcurrentCalls()).isZero();
        assertProblem(gateway.get("/api/orders/o-9", TestTokens.user("other")), 429, "rate-limited");

        for (Socket client : leaving) {
            client.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> orderServiceBulkhead().getMetrics()
                .getAvailableConcurrentCalls() == LIMIT);
        assertThat(ORDERS.held()).as("given back while the service still works on them").isEqualTo(LIMIT);

        for (int i = 0; i < LIMIT + 1; i++) {
            assertProblem(gateway.post("/api/orders/o-1/drop", TestTokens.user("other"), "{}"), 503,
                    "service-unavailable");
        }
        assertThat(orderServiceBulkhead().getMetrics().getAvailableConcurrentCalls())
                .as("a failed call gives its permit back").isEqualTo(LIMIT);
        assertThat(gateway.get("/api/orders/o-9", TestTokens.user("other")).status()).isEqualTo(200);
    }

    @Test
    void everyServiceHasTheDefaultLimitUnlessItsOwnIsSetAndItsUseIsExported() {
        assertThat(orderServiceBulkhead().getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(LIMIT);
        for (String service : List.of("order-service", "inventory-service", "wallet-service", "compensation-service")) {
            Bulkhead bulkhead = bulkheads.bulkhead(service);
            assertThat(bulkhead.getBulkheadConfig().getMaxWaitDuration()).as("never waits").isEqualTo(Duration.ZERO);
            if (!service.equals("order-service")) {
                assertThat(bulkhead.getBulkheadConfig().getMaxConcurrentCalls()).as(service).isEqualTo(128);
            }
        }
        assertThat(meterRegistry.find("resilience4j.bulkhead.available.concurrent.calls").tag("name", "order-service")
                .gauge()).as("exported for dashboards and alerts").isNotNull();
        assertThat(meterRegistry.find("resilience4j.bulkhead.max.allowed.concurrent.calls").tag("name", "order-service")
                .gauge()).as("the dashboard's in-flight panel").isNotNull();
        assertThat(meterRegistry.find("orderpay.gateway.admission.refused").tag("service", "wallet-service").counter())
                .as("the alert's counter is there before the first refusal").isNotNull();
    }

    private List<Future<Reply>> holdLimitManyRequests() {
        List<Future<Reply>> admitted = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            String path = "/api/orders/o-" + i + "/held";
            String token = TestTokens.user("buyer-" + i);
            admitted.add(clients.submit(() -> gateway.get(path, token)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ORDERS.held() == LIMIT);
        return admitted;
    }

    private Bulkhead orderServiceBulkhead() {
        return bulkheads.bulkhead("order-service");
    }

    private double refused() {
        Counter counter = meterRegistry.find("orderpay.gateway.admission.refused").tag("service", "order-service").counter();
        return counter == null ? 0 : counter.count();
    }
}
