package com.orderpay.gateway;

import static com.orderpay.gateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpay.devstack.EmbeddedRedis;
import com.orderpay.devstack.SharedInfrastructure;
import com.orderpay.gateway.support.CrashingService;
import com.orderpay.gateway.support.GatewayClient;
import com.orderpay.gateway.support.GatewayClient.Reply;
import com.orderpay.gateway.support.RecordingDownstream;
import com.orderpay.gateway.support.TestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
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
 * Failure modes at the edge: a service that is down, a service that is too slow until its circuit opens, and Redis
 * (the rate limiter's store) going away. The compensation service points at a port nobody listens on; the wallet
 * service reads each request and crashes before answering.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orderpay.jwt.secret=" + TestTokens.SECRET,
        "orderpay.identity.internal-token=" + SharedInfrastructure.INTERNAL_TOKEN,
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=500ms",
        "orderpay.gateway.circuit-breaker.sliding-window-size=4",
        "orderpay.gateway.circuit-breaker.minimum-number-of-calls=4",
        "orderpay.gateway.circuit-breaker.wait-duration-in-open-state=60s"})
@DirtiesContext
class DownstreamOutageTest {

    private static final RecordingDownstream ORDERS = RecordingDownstream.start("order-service");
    private static final RecordingDownstream INVENTORY = RecordingDownstream.start("inventory-service");
    private static final CrashingService WALLET = CrashingService.start();
    private static final String NOBODY_LISTENS = "http://127.0.0.1:" + unusedPort();
    /** Its own Redis: this class stops it. */
    private static final EmbeddedRedis REDIS = EmbeddedRedis.start(0);

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("spring.cloud.discovery.client.simple.instances.order-service[0].uri", ORDERS::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri", INVENTORY::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.wallet-service[0].uri", WALLET::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.compensation-service[0].uri", () -> NOBODY_LISTENS);
    }

    @LocalServerPort
    int port;

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory circuitBreakers;

    @Autowired
    MeterRegistry meterRegistry;

    GatewayClient gateway;

    @BeforeEach
    void setUp() {
        ORDERS.clear();
        INVENTORY.clear();
        gateway = new GatewayClient(port);
    }

    @AfterAll
    static void stopServers() {
        ORDERS.close();
        INVENTORY.close();
        WALLET.close();
        REDIS.close();
    }

    @Test
    void serviceThatIsDownAnswers503Problem() {
        Reply down = gateway.get("/api/admin/alerts", TestTokens.admin("ops"));
        JsonNode read = assertProblem(down, 503, "service-unavailable");
        assertThat(read.path("detail").asText()).contains("compensation-service");
        assertThat(down.header("Retry-After")).as("as the services' own 503s").isEqualTo("1");

        JsonNode write = assertProblem(gateway.post("/api/admin/reconciliation/runs", TestTokens.admin("ops"), "{}"),
                503, "service-unavailable");
        assertThat(write.path("instance").asText()).isEqualTo("/api/admin/reconciliation/runs");
    }

    @Test
    void postToAServiceThatCrashedMidRequestIs503AndIsNeverResent() {
        int before = WALLET.requestsRead();

        JsonNode problem = assertProblem(gateway.post("/api/admin/wallets/alice/credits", TestTokens.admin("ops"),
                "{\"amount\":\"10.00\"}", "Idempotency-Key", "credit-1"), 503, "service-unavailable");

        assertThat(problem.path("detail").asText()).contains("wallet-service");
        assertThat(WALLET.requestsRead() - before).as("the credit may have been applied: sent once only").isEqualTo(1);
    }

    @Test
    void repeatedTimeoutsOpenTheCircuitWhichThenAnswers503WithoutCallingTheService() {
        for (int i = 0; i < 4; i++) {
            assertProblem(gateway.get("/api/orders/slow", TestTokens.user("alice")), 503, "service-unavailable");
        }
        CircuitBreaker orderService = circuitBreakers.getCircuitBreakerRegistry().circuitBreaker("order-service");
        await().atMost(Duration.ofSeconds(5)).until(() -> orderService.getState() == CircuitBreaker.State.OPEN);
        ORDERS.clear();

        long started = System.nanoTime();
        Reply reply = gateway.get("/api/orders/o-1", TestTokens.user("alice"));

        assertProblem(reply, 503, "service-unavailable");
        assertThat(reply.header("Retry-After")).isEqualTo("1");
        // What proves the circuit answered is that nothing was sent (below); the clock only bounds the wait loosely,
        // as the rate limiter's Redis round trip and a loaded machine come before the answer.
        assertThat((System.nanoTime() - started) / 1_000_000).as("fails fast").isLessThan(2_000);
        assertThat(ORDERS.received()).as("an open circuit sends nothing").isEmpty();
        assertThat(gateway.get("/api/skus", TestTokens.user("alice")).status())
                .as("one circuit per service").isEqualTo(200);
    }

    @Test
    void redisOutageDoesNotStopTraffic() {
        // The limiter answers before the outage; a first call on a loaded machine may itself fail open (500 ms).
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(gateway.get("/api/skus", TestTokens.user("bob")).header("X-RateLimit-Remaining"))
                        .isNotEqualTo("-1"));
        INVENTORY.clear();
        double failedOpenBefore = failedOpen();
        REDIS.stop();
        try {
            long started = System.nanoTime();
            Reply reply = gateway.get("/api/skus", TestTokens.user("bob"));

            assertThat(reply.status()).isEqualTo(200);
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3_000);
            assertThat(INVENTORY.received()).hasSize(1);
            assertThat(failedOpen()).isGreaterThan(failedOpenBefore);
        } finally {
            REDIS.start();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(gateway.get("/api/skus", TestTokens.user("bob")).header("X-RateLimit-Remaining"))
                        .as("limits apply again once Redis is back").isNotEqualTo("-1"));
    }

    private double failedOpen() {
        return meterRegistry.counter("orderpay.gateway.ratelimit.failopen").count();
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
