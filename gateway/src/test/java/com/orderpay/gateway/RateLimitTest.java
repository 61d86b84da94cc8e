package com.orderpay.gateway;

import static com.orderpay.gateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpay.devstack.SharedInfrastructure;
import com.orderpay.gateway.support.GatewayClient;
import com.orderpay.gateway.support.GatewayClient.Reply;
import com.orderpay.gateway.support.RecordingDownstream;
import com.orderpay.gateway.support.TestRedis;
import com.orderpay.gateway.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Per-user token buckets in the real Redis, with a tiny limit: 1 request per second, bursts of 2. Redis gets the
 * seconds a loaded CI machine may need: at the production 500 ms a slow answer fails open (DownstreamOutageTest
 * covers that), and a run of them would hide the limiting this class is about.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orderpay.jwt.secret=" + TestTokens.SECRET,
        "orderpay.identity.internal-token=" + SharedInfrastructure.INTERNAL_TOKEN,
        "orderpay.gateway.rate-limit.replenish-rate=1",
        "orderpay.gateway.rate-limit.burst-capacity=2",
        "spring.data.redis.timeout=5s",
        "spring.data.redis.connect-timeout=5s"})
@DirtiesContext
class RateLimitTest {

    private static final RecordingDownstream SERVICE = RecordingDownstream.start("any-service");
    private static final List<String> PATHS = List.of("/api/orders", "/api/wallet", "/api/skus");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", TestRedis::port);
        for (String service : List.of("order-service", "inventory-service", "wallet-service", "compensation-service")) {
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri", SERVICE::baseUrl);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meterRegistry;

    GatewayClient gateway;

    @BeforeEach
    void setUp() {
        SERVICE.clear();
        gateway = new GatewayClient(port);
    }

    @AfterAll
    static void stopService() {
        SERVICE.close();
    }

    @Test
    void burstOverTheLimitIs429ProblemWithRetryAfterAcrossAllRoutes() {
        // The context's first request (its decoder, Redis connection and script, client pool) is not in the burst.
        gateway.get(PATHS.get(0), TestTokens.user("warm-up"));
        SERVICE.clear();
        String token = TestTokens.user("greedy");
        List<Reply> replies = new ArrayList<>();
        long began = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            replies.add(gateway.get(PATHS.get(i % PATHS.size()), token));
        }
        long wholeSecondsSending = (System.nanoTime() - began) / 1_000_000_000L;

        List<Reply> allowed = replies.stream().filter(r -> r.status() == 200).toList();
        List<Reply> limited = replies.stream().filter(r -> r.status() == 429).toList();
        assertThat(allowed.size() + limited.size()).isEqualTo(replies.size());
        // Two from the burst, one more per second boundary passed while sending (the bucket refills per second).
        assertThat(allowed.size()).isBetween(2, 3 + (int) wholeSecondsSending);
        assertThat(limited).isNotEmpty();
        for (Reply reply : limited) {
            assertProblem(reply, 429, "rate-limited");
            assertThat(reply.header("Retry-After")).isEqualTo("1");
        }
        assertThat(SERVICE.received()).as("a limited request goes nowhere").hasSize(allowed.size());
    }

    @Test
    void limitsArePerUser() {
        exhaust("hog");

        assertThat(gateway.get("/api/orders", TestTokens.user("neighbour")).status()).isEqualTo(200);
        assertThat(SERVICE.last().header("X-User-Id")).isEqualTo("neighbour");
    }

    @Test
    void bucketRefillsOverTime() {
        exhaust("waiter");

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(gateway.get("/api/orders", TestTokens.user("waiter")).status()).isEqualTo(200));
    }

    /** Asks until denied; if never denied, says what came back instead and how often the limiter failed open. */
    private void exhaust(String userId) {
        String token = TestTokens.user(userId);
        Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ZERO).until(() -> {
                int status = gateway.get("/api/orders", token).status();
                statuses.merge(status, 1, Integer::sum);
                return status == 429;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("never limited " + userId + "; statuses seen " + statuses + ", failed open "
                    + meterRegistry.counter("orderpay.gateway.ratelimit.failopen").count() + " times", e);
        }
    }
}
