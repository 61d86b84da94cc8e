package com.orderpay.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mysql.cj.jdbc.MysqlDataSource;
import com.orderpay.devstack.EmbeddedMariaDb;
import com.orderpay.platform.money.MoneyJsonModule;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Against a real MariaDB: the key is claimed by the primary key, so the contract holds across threads. */
class IdempotentRequestsTest {

    private static EmbeddedMariaDb mariaDb;
    private static JdbcTemplate jdbc;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private IdempotentRequests requests;
    private final AtomicInteger effects = new AtomicInteger();

    @BeforeAll
    static void startDatabase() throws Exception {
        mariaDb = EmbeddedMariaDb.start(Files.createTempDirectory("idem-db").toFile(), 0);
        mariaDb.createDatabase("platform_db");
        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setURL(mariaDb.jdbcUrl("platform_db"));
        dataSource.setUser(mariaDb.username());
        dataSource.setPassword(mariaDb.password());
        new PlatformSchema(dataSource).afterPropertiesSet();
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterAll
    static void stopDatabase() {
        mariaDb.close();
    }

    @BeforeEach
    void setUp() {
        jdbc.update("DELETE FROM idempotency_record");
        ObjectMapper mapper = new ObjectMapper().registerModule(new MoneyJsonModule());
        requests = new IdempotentRequests(jdbc, mapper,
                new IdempotencyProperties(Duration.ofHours(24), Duration.ofMinutes(2)), clock);
    }

    private ResponseEntity<?> credit(String key, Map<String, Object> body) {
        return requests.execute("u1", key, "POST /api/credits", body, () -> {
            int n = effects.incrementAndGet();
            return ResponseEntity.status(201).body(Map.of("effect", n));
        });
    }

    @Test
    void replayReturnsTheFirstResponseAndHasNoSecondEffect() {
        ResponseEntity<?> first = credit("k-1", Map.of("amount", "10.00"));
        ResponseEntity<?> again = credit("k-1", Map.of("amount", "10.00"));

        assertThat(effects.get()).isEqualTo(1);
        assertThat(again.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getBody()).isEqualTo("{\"effect\":1}");
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void sameKeyWithAnotherRequestIsRefused() {
        credit("k-2", Map.of("amount", "10.00"));

        assertThatThrownBy(() -> credit("k-2", Map.of("amount", "99.00")))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.IDEMPOTENCY_KEY_REUSE));
        assertThat(effects.get()).isEqualTo(1);
    }

    @Test
    void keysAreScopedPerUser() {
        credit("shared", Map.of("amount", "10.00"));
        requests.execute("u2", "shared", "POST /api/credits", Map.of("amount", "10.00"),
                () -> ResponseEntity.ok(Map.of("effect", effects.incrementAndGet())));
        assertThat(effects.get()).isEqualTo(2);
    }

    @Test
    void businessRefusalIsStoredAndReplayed() {
        ResponseEntity<?> first = requests.execute("u1", "k-3", "POST /api/orders", Map.of("sku", "A"), () -> {
            effects.incrementAndGet();
            throw new ProblemException(ProblemCode.OUT_OF_STOCK, "SKU A: 0 available");
        });
        ResponseEntity<?> replay = requests.execute("u1", "k-3", "POST /api/orders", Map.of("sku", "A"), () -> {
            effects.incrementAndGet();
            return ResponseEntity.ok("never");
        });

        assertThat(first.getStatusCode().value()).isEqualTo(409);
        assertThat(replay.getStatusCode().value()).isEqualTo(409);
        assertThat((String) replay.getBody()).contains("out-of-stock").contains("SKU A: 0 available");
        assertThat(effects.get()).isEqualTo(1);
    }

    @Test
    void failureThatIsNotTheCallersReleasesTheKeyForTheRetry() {
        assertThatThrownBy(() -> requests.execute("u1", "k-4", "POST /api/orders", Map.of(), () -> {
            throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE, "wallet down");
        })).isInstanceOf(ProblemException.class);

        ResponseEntity<?> retry = credit("k-4", Map.of());
        assertThat(retry.getStatusCode().value()).isEqualTo(201);
        assertThat(effects.get()).isEqualTo(1);
    }

    @Test
    void concurrentRequestsWithOneKeyHaveOneEffect() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<Integer>> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            outcomes.add(pool.submit(() -> {
                try {
                    return requests.execute("u1", "k-5", "POST /api/credits", Map.of("amount", "1.00"), () -> {
                        effects.incrementAndGet();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return ResponseEntity.status(201).body(Map.of("ok", true));
                    }).getStatusCode().value();
                } catch (ProblemException e) {
                    return e.code().status().value();
                }
            }));
        }
        Thread.sleep(500);
        release.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> outcome : outcomes) {
            statuses.add(outcome.get());
        }
        pool.shutdown();

        assertThat(effects.get()).isEqualTo(1);
        assertThat(statuses).containsOnly(201, 409).contains(201);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
    }

    @Test
    void requestAbandonedInFlightCanBeTakenOverAfterItsLease() {
        jdbc.update("INSERT INTO idempotency_record (scope, idempotency_key, request_hash, state, created_at, updated_at,"
                + " expires_at) VALUES ('u1', 'k-6', ?, 'IN_FLIGHT', ?, ?, ?)", hashOfEmptyCredit(),
                java.sql.Timestamp.from(clock.instant()), java.sql.Timestamp.from(clock.instant()),
                java.sql.Timestamp.from(clock.instant().plus(Duration.ofDays(1))));

        assertThatThrownBy(() -> credit("k-6", Map.of()))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.IDEMPOTENCY_KEY_IN_FLIGHT));

        clock.advance(Duration.ofMinutes(3));
        assertThat(credit("k-6", Map.of()).getStatusCode().value()).isEqualTo(201);
        assertThat(effects.get()).isEqualTo(1);
    }

    @Test
    void keysOutliveTheirRetentionOnlyUntilThePurge() {
        credit("k-7", Map.of());
        clock.advance(Duration.ofHours(23));
        requests.purgeExpired();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_record", Integer.class)).isEqualTo(1);

        clock.advance(Duration.ofHours(2));
        requests.purgeExpired();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_record", Integer.class)).isZero();
    }

    @Test
    void malformedKeysAreRefused() {
        for (String bad : new String[] {"", " ", "x".repeat(129), "tab\there", "ünï"}) {
            assertThatThrownBy(() -> credit(bad, Map.of()))
                    .as(bad)
                    .isInstanceOfSatisfying(ProblemException.class,
                            e -> assertThat(e.code()).isEqualTo(ProblemCode.VALIDATION_FAILED));
        }
        assertThat(effects.get()).isZero();
    }

    private String hashOfEmptyCredit() {
        // The hash the store computes for credit("...", Map.of()): claim once elsewhere and read it back.
        requests.execute("probe", "probe", "POST /api/credits", Map.of(), () -> ResponseEntity.ok().build());
        return jdbc.queryForObject("SELECT request_hash FROM idempotency_record WHERE scope = 'probe'", String.class);
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
