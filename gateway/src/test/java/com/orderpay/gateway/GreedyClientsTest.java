package com.orderpay.gateway;

import static com.orderpay.gateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpay.devstack.SharedInfrastructure;
import com.orderpay.gateway.ratelimit.UserRateLimitGatewayFilterFactory;
import com.orderpay.gateway.support.GatewayClient;
import com.orderpay.gateway.support.GatewayClient.Reply;
import com.orderpay.gateway.support.RecordingDownstream;
import com.orderpay.gateway.support.TestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * One user cannot hold the capacity everyone shares: here at most 2 of their requests are in flight at once, and a
 * request whose body has not all arrived within 1 s is given up. The stub holds {@code .../held} requests until
 * released.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orderpay.jwt.secret=" + TestTokens.SECRET,
        "orderpay.identity.internal-token=" + SharedInfrastructure.INTERNAL_TOKEN,
        "orderpay.gateway.rate-limit.max-in-flight-per-user=2",
        "orderpay.gateway.request-read-timeout=1s"})
@DirtiesContext
class GreedyClientsTest {

    private static final RecordingDownstream ORDERS = RecordingDownstream.start("order-service");
    private static final RecordingDownstream OTHERS = RecordingDownstream.start("other-service");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        RecordingDownstream.wire(registry, ORDERS, OTHERS);
    }

    @LocalServerPort
    int port;

    @Autowired
    UserRateLimitGatewayFilterFactory userLimits;

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory circuitBreakers;

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
    void aUserWithTheirLimitInFlightIsRefusedAtOnceWhileOthersGoOn() {
        String greedy = TestTokens.user("greedy");
        List<CompletableFuture<Reply>> held = List.of(
                CompletableFuture.supplyAsync(() -> gateway.get("/api/orders/held", greedy)),
                CompletableFuture.supplyAsync(() -> gateway.get("/api/orders/held", greedy)));
        await().atMost(Duration.ofSeconds(10)).until(() -> ORDERS.held() == 2);

        long started = System.nanoTime();
        Reply third = gateway.get("/api/orders/held", greedy);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        JsonNode problem = assertProblem(third, 429, "rate-limited");
        assertThat(problem.path("detail").asText()).isEqualTo("Too many requests of this user in flight at once (2); "
                + "retry in 1 s");
        assertThat(third.header("Retry-After")).isEqualTo("1");
        assertThat(tookMillis).as("refused at once, not queued").isLessThan(2_000);
        assertThat(ORDERS.held()).as("never sent").isEqualTo(2);
        assertThat(gateway.get("/api/skus", TestTokens.user("patient")).status()).isEqualTo(200);

        ORDERS.releaseHeld();
        assertThat(held).allSatisfy(reply -> assertThat(reply.join().status()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(5)).until(() -> userLimits.usersInFlight() == 0);
        assertThat(gateway.get("/api/skus", greedy).status()).as("their places are given back").isEqualTo(200);
    }

    @Test
    void aBodyTrickledInIsGivenUpAndHoldsNoPlaceNorCountsAgainstTheService() throws Exception {
        CircuitBreaker orderService = circuitBreakers.getCircuitBreakerRegistry().circuitBreaker("order-service");
        int failedBefore = orderService.getMetrics().getNumberOfFailedCalls();
        byte[] body = "{\"items\":[{\"skuId\":\"SKU-1\",\"quantity\":1}]}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/orders HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer " + TestTokens.user("slow")
                    + "\r\nIdempotency-Key: slow-1\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            // a byte every 300 ms: never a pause of 1 s, but the body would take 15 s to arrive
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                try {
                    for (byte b : body) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(300);
                    }
                } catch (Exception closed) {
                    // the gateway closed the connection: what this test waits for
                }
            });

            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // whatever the gateway answers before it closes; the close is what matters
            }
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            trickle.join();

            assertThat(tookMillis).as("closed after the 1 s the body may take, not the 30 s response timeout")
                    .isBetween(500L, 8_000L);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> userLimits.usersInFlight() == 0);
        assertThat(orderService.getMetrics().getNumberOfFailedCalls()).as("the client was slow, not order-service")
                .isEqualTo(failedBefore);
    }
}
