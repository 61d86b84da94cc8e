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
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The exchange deadline, set to 1 s here, far below the response timeout (30 s) and the circuit breaker's time limit
 * (35 s) that would otherwise answer: whatever holds a request (here order-service's stub, which holds
 * {@code .../held} requests until released), the client is answered when the deadline passes, and what held it is
 * cancelled, its admission slot given back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orderpay.jwt.secret=" + TestTokens.SECRET,
        "orderpay.identity.internal-token=" + SharedInfrastructure.INTERNAL_TOKEN,
        "orderpay.gateway.exchange-deadline=1s"})
@DirtiesContext
class ExchangeDeadlineTest {

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

    GatewayClient gateway;

    @BeforeEach
    void setUp() {
        ORDERS.clear();
        ORDERS.holdRequests();
        gateway = new GatewayClient(port);
    }

    @AfterEach
    void tearDown() {
        ORDERS.releaseHeld();
    }

    @AfterAll
    static void stopServers() {
        ORDERS.close();
        OTHERS.close();
    }

    @Test
    void aReadHeldPastTheDeadlineIsAnswered503AtTheDeadlineAndItsSlotIsGivenBack() {
        long started = System.nanoTime();
        Reply reply = gateway.get("/api/orders/held", TestTokens.user("alice"), "X-Request-Id", "held-read-1");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        JsonNode problem = assertProblem(reply, 503, "service-unavailable");
        assertThat(problem.path("detail").asText()).startsWith("The request was not answered within 1 s; retry later");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/orders/held");
        assertThat(reply.header("Retry-After")).isEqualTo("1");
        assertThat(reply.header("X-Request-Id")).isEqualTo("held-read-1");
        assertThat(tookMillis).as("answered at the deadline, not at the 30 s response timeout")
                .isBetween(900L, 10_000L);
        Bulkhead admission = bulkheads.bulkhead("order-service");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(admission.getMetrics()
                .getAvailableConcurrentCalls()).as("the cancelled call's admission slot")
                .isEqualTo(admission.getBulkheadConfig().getMaxConcurrentCalls()));
        assertThat(gateway.get("/api/skus", TestTokens.user("alice")).status()).as("other requests go on").isEqualTo(200);
    }

    @Test
    void aWriteHeldPastTheDeadlineIsAnswered503AndWasSentOnce() {
        Reply reply = gateway.post("/api/orders/held", TestTokens.user("alice"), "{\"skuId\":\"SKU-1\",\"quantity\":1}",
                "Idempotency-Key", "held-write-1");

        JsonNode problem = assertProblem(reply, 503, "service-unavailable");
        assertThat(problem.path("detail").asText()).contains("the same Idempotency-Key");
        assertThat(ORDERS.received()).as("the outcome is the service's; the gateway never resends a write")
                .singleElement().satisfies(received -> assertThat(received.header("Idempotency-Key"))
                        .isEqualTo("held-write-1"));
    }
}
