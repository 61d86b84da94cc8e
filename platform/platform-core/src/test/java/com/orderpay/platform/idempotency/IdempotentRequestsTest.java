package com.orderpay.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Against a real MariaDB: the key is claimed by the primary key, so the contract holds across threads. */
class IdempotentRequestsTest {

    private static EmbeddedMariaDb mariaDb;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transactions;

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
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc.execute("CREATE TABLE IF NOT EXISTS credit_effect (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(20))");
    }

    @AfterAll
    static void stopDatabase() {
        mariaDb.close();
    }

    @BeforeEach
    void setUp() {
        jdbc.update("DELETE FROM idempotency_record");
        jdbc.update("DELETE FROM credit_effect");
        requests = instance("svc@host:8081");
    }

    private IdempotentRequests instance(String instanceId) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new MoneyJsonModule());
        IdempotentRequests instance = new IdempotentRequests(jdbc, mapper,
                new IdempotencyProperties(Duration.ofHours(24), Duration.ofMinutes(2), Duration.ofSeconds(1)), clock, transactions, instanceId);
        instance.afterPropertiesSet();
        return instance;
    }

    private ResponseEntity<?> credit(String key, Map<String, Object> body) {
        return requests.execute("u1", key, "POST /api/credits", body, attempt -> {
            int n = effects.incrementAndGet();
            return ResponseEntity.status(201).body(Map.of("effect", n));
        });
    }

    private String state(String key) {
        return jdbc.queryForObject("SELECT state FROM idempotency_record WHERE idempotency_key = ?", String.class, key);
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
    void keysAndScopesAreComparedExactly() {
        credit("k-Case", Map.of("amount", "10.00"));
        ResponseEntity<?> otherCase = credit("K-CASE", Map.of("amount", "10.00"));
        ResponseEntity<?> otherScope = requests.execute("U1", "k-Case", "POST /api/credits", Map.of("amount", "10.00"),
                attempt -> ResponseEntity.status(201).body(Map.of("effect", effects.incrementAndGet())));

        assertThat(effects.get()).as("three keys, three effects").isEqualTo(3);
        assertThat(otherCase.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(otherScope.getHeaders().getFirst("Idempotent-Replayed")).isNull();
    }

    @Test
    void aKeySentTwiceIsRefusedAndNothingIsClaimed() {
        org.springframework.mock.web.MockHttpServletRequest request =
                new org.springframework.mock.web.MockHttpServletRequest("POST", "/api/credits");
        request.addHeader("Idempotency-Key", "two-a");
        request.addHeader("Idempotency-Key", "two-b");
        org.springframework.web.context.request.RequestContextHolder.setRequestAttributes(
                new org.springframework.web.context.request.ServletRequestAttributes(request));
        try {
            assertThatThrownBy(() -> credit("two-a,two-b", Map.of("amount", "10.00")))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
                        assertThat(e.getMessage()).isEqualTo("Idempotency-Key must be sent once");
                    });
        } finally {
            org.springframework.web.context.request.RequestContextHolder.resetRequestAttributes();
        }
        assertThat(effects.get()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_record", Integer.class)).isZero();
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
                attempt -> ResponseEntity.ok(Map.of("effect", effects.incrementAndGet())));
        assertThat(effects.get()).isEqualTo(2);
    }

    @Test
    void businessRefusalIsStoredAndReplayed() {
        ResponseEntity<?> first = requests.execute("u1", "k-3", "POST /api/orders", Map.of("sku", "A"), attempt -> {
            effects.incrementAndGet();
            throw new ProblemException(ProblemCode.OUT_OF_STOCK, "SKU A: 0 available");
        });
        ResponseEntity<?> replay = requests.execute("u1", "k-3", "POST /api/orders", Map.of("sku", "A"), attempt -> {
            effects.incrementAndGet();
            return ResponseEntity.ok("never");
        });

        assertThat(first.getStatusCode().value()).isEqualTo(409);
        assertThat(replay.getStatusCode().value()).isEqualTo(409);
        assertThat((String) replay.getBody()).contains("out-of-stock").contains("SKU A: 0 available");
        assertThat(effects.get()).isEqualTo(1);
    }

    @Test
    void aFailureThatIsNotTheCallersKeepsTheKeyAndTheRetryResumesIt() {
        List<IdempotentAttempt> attempts = new ArrayList<>();
        assertThatThrownBy(() -> requests.execute("u1", "k-4", "POST /api/orders", Map.of(), attempt -> {
            attempts.add(attempt);
            throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE, "coordinator down after the commit?");
        })).isInstanceOf(ProblemException.class);

        // Never released: the key and its request stay, so another body under it is still a 422.
        assertThat(state("k-4")).isEqualTo("RETRYABLE");
        assertThatThrownBy(() -> requests.execute("u1", "k-4", "POST /api/orders", Map.of("other", 1),
                attempt -> ResponseEntity.ok().build()))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.IDEMPOTENCY_KEY_REUSE));

        ResponseEntity<?> retry = requests.execute("u1", "k-4", "POST /api/orders", Map.of(), attempt -> {
            attempts.add(attempt);
            return ResponseEntity.status(201).body(Map.of("resumed", attempt.isResumed()));
        });

        assertThat(retry.getStatusCode().value()).isEqualTo(201);
        assertThat(attempts).extracting(IdempotentAttempt::number).containsExactly(1, 2);
        assertThat(attempts.get(1).isResumed()).isTrue();
        assertThat(state("k-4")).isEqualTo("COMPLETED");
    }

    @Test
    void anAttemptWhoseEndTheDatabaseCouldNotRecordIsMarkedOnceItCan() {
        java.util.concurrent.atomic.AtomicBoolean databaseDown = new java.util.concurrent.atomic.AtomicBoolean();
        JdbcTemplate flaky = new JdbcTemplate(jdbc.getDataSource()) {
            @Override
            public int update(String sql, Object... args) {
                if (databaseDown.get() && sql.contains("RETRYABLE")) {
                    throw new org.springframework.dao.DataAccessResourceFailureException("connection refused");
                }
                return super.update(sql, args);
            }
        };
        IdempotentRequests requests = new IdempotentRequests(flaky, new ObjectMapper(),
                new IdempotencyProperties(Duration.ofHours(24), Duration.ofMinutes(2), Duration.ofSeconds(1)), clock, transactions, "svc@h:1");
        databaseDown.set(true);
        assertThatThrownBy(() -> requests.execute("u1", "k-11", "POST /api/orders", Map.of(), attempt -> {
            throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE, "the database went away");
        })).isInstanceOf(ProblemException.class);
        assertThat(state("k-11")).isEqualTo("IN_FLIGHT");

        databaseDown.set(false);
        requests.markUnansweredAttempts();

        assertThat(state("k-11")).isEqualTo("RETRYABLE");
        assertThat(requests.execute("u1", "k-11", "POST /api/orders", Map.of(),
                attempt -> ResponseEntity.status(201).body(Map.of("attempt", attempt.number()))).getBody())
                .isEqualTo(Map.of("attempt", 2));
    }

    @Test
    void anAttemptWhoseMarkIsSlowAnswersAfterTheMarkWaitAndTheMarkLandsInTheBackground() {
        CountDownLatch databaseBack = new CountDownLatch(1);
        JdbcTemplate saturated = new JdbcTemplate(jdbc.getDataSource()) {
            @Override
            public int update(String sql, Object... args) {
                if (sql.contains("RETRYABLE") && databaseBack.getCount() > 0) {
                    try {
                        // as a request waits for a connection while the database is down or every connection busy
                        databaseBack.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.update(sql, args);
            }
        };
        IdempotentRequests requests = new IdempotentRequests(saturated, new ObjectMapper(),
                new IdempotencyProperties(Duration.ofHours(24), Duration.ofMinutes(2), Duration.ofMillis(300)), clock,
                transactions, "svc@h:2");
        try {
            long started = System.nanoTime();
            assertThatThrownBy(() -> requests.execute("u1", "k-12", "POST /api/orders", Map.of(), attempt -> {
                throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE, "a sibling did not answer");
            })).isInstanceOf(ProblemException.class);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(tookMillis).as("the answer waited the mark wait, not the mark").isBetween(300L, 5_000L);
            assertThat(state("k-12")).isEqualTo("IN_FLIGHT");
            assertThatThrownBy(() -> requests.execute("u1", "k-12", "POST /api/orders", Map.of(),
                    attempt -> ResponseEntity.status(201).build()))
                    .as("a retry before the mark lands meets the key in flight: never a second effect")
                    .isInstanceOfSatisfying(ProblemException.class,
                            e -> assertThat(e.code()).isEqualTo(ProblemCode.IDEMPOTENCY_KEY_IN_FLIGHT));

            databaseBack.countDown();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(state("k-12")).isEqualTo("RETRYABLE"));
            assertThat(requests.execute("u1", "k-12", "POST /api/orders", Map.of(),
                    attempt -> ResponseEntity.status(201).body(Map.of("attempt", attempt.number()))).getBody())
                    .isEqualTo(Map.of("attempt", 2));
        } finally {
            databaseBack.countDown();
            requests.destroy();
        }
    }

    @Test
    void concurrentRequestsWithOneKeyHaveOneEffect() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        List<CompletableFuture<Integer>> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            outcomes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return requests.execute("u1", "k-5", "POST /api/credits", Map.of("amount", "1.00"), attempt -> {
                        effects.incrementAndGet();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return ResponseEntity.status(201).body(Map.of("ok", true));
                    }).getStatusCode().value();
                } catch (ProblemException e) {
                    refused.incrementAndGet();
                    return e.code().status().value();
                }
            }, pool));
        }
        // The winner holds its work open until the seven others have been refused, so they all met it in flight.
        await().atMost(Duration.ofSeconds(30)).until(() -> refused.get() == 7);
        release.countDown();
        List<Integer> statuses = outcomes.stream().map(CompletableFuture::join).toList();
        pool.shutdown();

        assertThat(effects.get()).isEqualTo(1);
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
    }

    @Test
    void requestAbandonedInFlightIsResumedAfterItsLease() {
        claimAsAnotherInstance("k-6", "svc@other-host:8081");

        assertThatThrownBy(() -> credit("k-6", Map.of()))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.IDEMPOTENCY_KEY_IN_FLIGHT));

        clock.advance(Duration.ofMinutes(3));
        List<IdempotentAttempt> attempts = new ArrayList<>();
        requests.execute("u1", "k-6", "POST /api/credits", Map.of(), attempt -> {
            attempts.add(attempt);
            return ResponseEntity.status(201).build();
        });
        assertThat(attempts).containsExactly(new IdempotentAttempt(2));
    }

    @Test
    void aRestartedInstanceResumesWhatItsPreviousLifeLeftInFlightAtOnce() {
        claimAsAnotherInstance("k-mine", "svc@host:8081");
        claimAsAnotherInstance("k-theirs", "svc@other-host:8081");

        IdempotentRequests restarted = instance("svc@host:8081");

        assertThat(state("k-mine")).isEqualTo("RETRYABLE");
        assertThat(state("k-theirs")).isEqualTo("IN_FLIGHT");
        assertThat(restarted.execute("u1", "k-mine", "POST /api/credits", Map.of(),
                attempt -> ResponseEntity.status(201).body(Map.of("attempt", attempt.number()))).getBody())
                .isEqualTo(Map.of("attempt", 2));
    }

    @Test
    void anAttemptTakenOverCannotStoreItsAnswer() {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch takenOver = new CountDownLatch(1);
        CompletableFuture<ResponseEntity<?>> first = CompletableFuture.supplyAsync(() -> requests.execute("u1", "k-8",
                "POST /api/orders", Map.of(), attempt -> {
                    firstRunning.countDown();
                    awaitLatch(takenOver);
                    return ResponseEntity.status(201).body(Map.of("by", "first"));
                }));
        awaitLatch(firstRunning);
        clock.advance(Duration.ofMinutes(3));
        ResponseEntity<?> second = requests.execute("u1", "k-8", "POST /api/orders", Map.of(),
                attempt -> ResponseEntity.status(201).body(Map.of("by", "second")));
        takenOver.countDown();
        first.join();

        assertThat(second.getBody()).isEqualTo(Map.of("by", "second"));
        assertThat(requests.execute("u1", "k-8", "POST /api/orders", Map.of(), attempt -> ResponseEntity.ok().build())
                .getBody()).isEqualTo("{\"by\":\"second\"}");
    }

    @Test
    void localWorkAndItsAnswerCommitTogetherOrNotAtAll() {
        assertThatThrownBy(() -> requests.executeLocally("u1", "k-9", "POST /api/credits", Map.of(), () -> {
            jdbc.update("INSERT INTO credit_effect (note) VALUES ('k-9')");
            throw new IllegalStateException("the process dies here, after the effect, before the answer");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credit_effect", Integer.class)).isZero();

        ResponseEntity<?> retry = requests.executeLocally("u1", "k-9", "POST /api/credits", Map.of(), () -> {
            jdbc.update("INSERT INTO credit_effect (note) VALUES ('k-9')");
            return ResponseEntity.status(201).body(Map.of("credited", true));
        });
        ResponseEntity<?> replay = requests.executeLocally("u1", "k-9", "POST /api/credits", Map.of(), () -> {
            jdbc.update("INSERT INTO credit_effect (note) VALUES ('k-9')");
            return ResponseEntity.ok().build();
        });

        assertThat(retry.getStatusCode().value()).isEqualTo(201);
        assertThat(replay.getStatusCode().value()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credit_effect", Integer.class)).isEqualTo(1);
    }

    @Test
    void aLocalBusinessRefusalChangesNothingAndIsReplayed() {
        ResponseEntity<?> refused = requests.executeLocally("u1", "k-10", "POST /api/credits", Map.of(), () -> {
            jdbc.update("INSERT INTO credit_effect (note) VALUES ('k-10')");
            throw new ProblemException(ProblemCode.NOT_FOUND, "SKU X not found");
        });

        assertThat(refused.getStatusCode().value()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credit_effect", Integer.class)).isZero();
        assertThat(state("k-10")).isEqualTo("COMPLETED");
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

    /**
     * The row another instance leaves when it claimed the key and has not finished (it still runs, or it died): the
     * hash is the one this request has, taken from a probe claim under another scope.
     */
    private void claimAsAnotherInstance(String key, String owner) {
        requests.execute("probe", key, "POST /api/credits", Map.of(), attempt -> ResponseEntity.ok().build());
        String hash = jdbc.queryForObject("SELECT request_hash FROM idempotency_record WHERE scope = 'probe'",
                String.class);
        jdbc.update("DELETE FROM idempotency_record WHERE scope = 'probe'");
        java.sql.Timestamp now = java.sql.Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO idempotency_record (scope, idempotency_key, request_hash, state, attempt, owner, "
                + "created_at, updated_at, expires_at) VALUES ('u1', ?, ?, 'IN_FLIGHT', 1, ?, ?, ?, ?)", key, hash, owner,
                now, now, java.sql.Timestamp.from(clock.instant().plus(Duration.ofDays(1))));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

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
