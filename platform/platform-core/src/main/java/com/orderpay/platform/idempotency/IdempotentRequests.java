package com.orderpay.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import com.orderpay.platform.problem.ProblemTypes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * One Idempotency-Key, one effect (api.md), also across a crash. The key is claimed by inserting its row before the
 * work runs (the primary key makes the claim atomic across replicas); the first answer, success or business 4xx, is
 * stored and replayed for the same request; another request under the same key is refused with 422; a second request
 * while the first still runs gets 409.
 *
 * <p>An attempt that ends without an answer (a 5xx, a dependency down, a crash) may still have had effects: a global
 * transaction may have committed after all. Its key is therefore never released. It becomes retryable (at once after
 * a 5xx; after {@code in-flight-lease} when its process vanished; at the restart of that very instance), and the
 * next request under it runs as a <em>resumed</em> {@link IdempotentAttempt}: the work first looks for what the
 * earlier attempt did (its order, its payment) and answers that, and the owner's unique keys refuse a second effect.
 * Each attempt has a number; only the current one may store the answer.
 *
 * <p>Work whose effects all live in this service's database runs with {@link #executeLocally}: effect and stored
 * answer commit in one local transaction, so there is nothing to resume.
 */
public class IdempotentRequests implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);
    private static final Pattern KEY = Pattern.compile("[\\x20-\\x7E]{1,128}");
    private static final int MAX_CLAIM_ROUNDS = 5;
    private static final String HEADER = "Idempotency-Key";

    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final IdempotencyProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final String instanceId;
    private final java.util.Queue<Unanswered> unmarked = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Marks keys retryable off the request thread (see {@link #retryable}); bounded, its overflow is queued. */
    private final ThreadPoolExecutor marker = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1_000), runnable -> {
                Thread thread = new Thread(runnable, "idempotency-marker");
                thread.setDaemon(true);
                return thread;
            });

    /**
     * @param instanceId names this process in the rows it holds in flight; when it is stable across restarts (host
     *                   and port), a restarted instance frees at once what its previous life left in flight
     */
    public IdempotentRequests(JdbcTemplate jdbc, ObjectMapper objectMapper, IdempotencyProperties properties,
            Clock clock, TransactionTemplate transactions, String instanceId) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.properties = properties;
        this.clock = clock;
        this.transactions = transactions;
        this.instanceId = instanceId;
        marker.allowCoreThreadTimeOut(true);
    }

    /** What this process left in flight when it last died cannot be running any more: it is retryable now. */
    @Override
    public void afterPropertiesSet() {
        int freed = jdbc.update("UPDATE idempotency_record SET state = 'RETRYABLE', owner = NULL, updated_at = ? "
                + "WHERE owner = ? AND state = 'IN_FLIGHT'", ts(clock.instant()), instanceId);
        if (freed > 0) {
            log.warn("{} Idempotency-Keys were in flight when {} last stopped; their next request resumes them",
                    freed, instanceId);
        }
    }

    /**
     * Runs {@code work} for this (scope, key) and this request, at most once to an answer.
     *
     * @param scope     whose key it is (the user id): keys of different users never meet
     * @param key       the Idempotency-Key header as sent
     * @param operation what is asked, e.g. {@code "POST /api/orders"}; part of the request's identity
     * @param request   the validated request body (or any value naming the request); part of its identity
     * @param work      given the attempt: a resumed one must look for its predecessor's effects first
     */
    public ResponseEntity<?> execute(String scope, String key, String operation, Object request,
            Function<IdempotentAttempt, ResponseEntity<?>> work) {
        requireWellFormed(key);
        Claim claim = claim(scope, key, hash(operation, request));
        if (claim.replay() != null) {
            return claim.replay();
        }
        IdempotentAttempt attempt = claim.attempt();
        ResponseEntity<?> response;
        try {
            response = work.apply(attempt);
        } catch (ProblemException e) {
            if (!e.code().status().is4xxClientError()) {
                retryable(scope, key, attempt);
                throw e;
            }
            response = problemResponse(e);
        } catch (RuntimeException | Error e) {
            retryable(scope, key, attempt);
            throw e;
        }
        if (response.getStatusCode().is5xxServerError()) {
            retryable(scope, key, attempt);
            return response;
        }
        if (complete(scope, key, attempt, response) != 1) {
            log.warn("Idempotency key {} of {}: attempt {} was taken over before it finished; its answer is not stored",
                    key, scope, attempt.number());
        }
        return response;
    }

    /**
     * Like {@link #execute}, for work whose effects are all in this service's database: the work and the stored
     * answer commit in one local transaction (or neither does), so a crash leaves either both or nothing, and a
     * takeover waits for the attempt it replaces to finish.
     */
    public ResponseEntity<?> executeLocally(String scope, String key, String operation, Object request,
            Supplier<ResponseEntity<?>> work) {
        requireWellFormed(key);
        Claim claim = claim(scope, key, hash(operation, request));
        if (claim.replay() != null) {
            return claim.replay();
        }
        IdempotentAttempt attempt = claim.attempt();
        ResponseEntity<?> response;
        try {
            response = transactions.execute(status -> {
                // Holds the claim's row lock for the whole transaction; a superseded attempt stops before any effect.
                if (touch(scope, key, attempt) != 1) {
                    throw new ProblemException(ProblemCode.IDEMPOTENCY_KEY_IN_FLIGHT,
                            "A later request with this Idempotency-Key took over");
                }
                ResponseEntity<?> answer = work.get();
                if (answer.getStatusCode().is5xxServerError()) {
                    status.setRollbackOnly();
                } else if (complete(scope, key, attempt, answer) != 1) {
                    throw new IllegalStateException("Idempotency key " + key + " changed hands under its row lock");
                }
                return answer;
            });
        } catch (ProblemException e) {
            if (!e.code().status().is4xxClientError() || e.code() == ProblemCode.IDEMPOTENCY_KEY_IN_FLIGHT) {
                retryable(scope, key, attempt);
                throw e;
            }
            // The work's transaction rolled back: nothing changed but the answer, which is stored now.
            ResponseEntity<?> refusal = problemResponse(e);
            complete(scope, key, attempt, refusal);
            return refusal;
        } catch (RuntimeException | Error e) {
            retryable(scope, key, attempt);
            throw e;
        }
        if (response.getStatusCode().is5xxServerError()) {
            retryable(scope, key, attempt);
        }
        return response;
    }

    private record Claim(IdempotentAttempt attempt, ResponseEntity<?> replay) {
    }

    private Claim claim(String scope, String key, String hash) {
        for (int round = 0; round < MAX_CLAIM_ROUNDS; round++) {
            Instant now = clock.instant();
            if (insert(scope, key, hash, now)) {
                return new Claim(new IdempotentAttempt(1), null);
            }
            Optional<StoredRecord> found = find(scope, key);
            if (found.isEmpty()) {
                continue; // purged between our insert and our read: claim again
            }
            StoredRecord stored = found.get();
            if (!stored.requestHash().equals(hash)) {
                throw new ProblemException(ProblemCode.IDEMPOTENCY_KEY_REUSE,
                        "This Idempotency-Key was used for a different request");
            }
            if ("COMPLETED".equals(stored.state())) {
                return new Claim(null, replay(stored));
            }
            boolean abandoned = "IN_FLIGHT".equals(stored.state())
                    && stored.updatedAt().plus(properties.inFlightLease()).isBefore(now);
            if (!"RETRYABLE".equals(stored.state()) && !abandoned) {
                throw new ProblemException(ProblemCode.IDEMPOTENCY_KEY_IN_FLIGHT,
                        "The first request with this Idempotency-Key is still being processed");
            }
            if (takeOver(scope, key, stored, now)) {
                if (abandoned) {
                    log.warn("Idempotency key {} of {} was abandoned in flight (attempt {}); resuming it", key, scope,
                            stored.attempt());
                }
                return new Claim(new IdempotentAttempt(stored.attempt() + 1), null);
            }
            // Another request took it over first: read again (it is in flight now).
        }
        throw new ProblemException(ProblemCode.IDEMPOTENCY_KEY_IN_FLIGHT,
                "The request with this Idempotency-Key is being processed");
    }

    private boolean insert(String scope, String key, String hash, Instant now) {
        try {
            jdbc.update("INSERT INTO idempotency_record (scope, idempotency_key, request_hash, state, attempt, owner, "
                            + "created_at, updated_at, expires_at) VALUES (?, ?, ?, 'IN_FLIGHT', 1, ?, ?, ?, ?)",
                    scope, key, hash, instanceId, ts(now), ts(now), ts(now.plus(properties.retention())));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private Optional<StoredRecord> find(String scope, String key) {
        List<StoredRecord> rows = jdbc.query(
                "SELECT request_hash, state, attempt, response_status, response_type, response_body, updated_at "
                        + "FROM idempotency_record WHERE scope = ? AND idempotency_key = ?",
                (rs, i) -> new StoredRecord(rs.getString(1), rs.getString(2), rs.getInt(3), (Integer) rs.getObject(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()),
                scope, key);
        return rows.stream().findFirst();
    }

    private boolean takeOver(String scope, String key, StoredRecord stored, Instant now) {
        return jdbc.update("UPDATE idempotency_record SET state = 'IN_FLIGHT', attempt = attempt + 1, owner = ?, "
                        + "updated_at = ? WHERE scope = ? AND idempotency_key = ? AND attempt = ? AND state = ?",
                instanceId, ts(now), scope, key, stored.attempt(), stored.state()) == 1;
    }

    private int touch(String scope, String key, IdempotentAttempt attempt) {
        return jdbc.update("UPDATE idempotency_record SET updated_at = ? WHERE scope = ? AND idempotency_key = ? "
                + "AND attempt = ? AND state = 'IN_FLIGHT'", ts(clock.instant()), scope, key, attempt.number());
    }

    private int complete(String scope, String key, IdempotentAttempt attempt, ResponseEntity<?> response) {
        String body;
        try {
            body = response.getBody() == null ? null
                    : response.getBody() instanceof String s ? s : objectMapper.writeValueAsString(response.getBody());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Response cannot be stored for replay", e);
        }
        MediaType type = response.getHeaders().getContentType();
        if (type == null && body != null) {
            type = MediaType.APPLICATION_JSON;
        }
        return jdbc.update("UPDATE idempotency_record SET state = 'COMPLETED', owner = NULL, response_status = ?, "
                        + "response_type = ?, response_body = ?, updated_at = ? "
                        + "WHERE scope = ? AND idempotency_key = ? AND attempt = ? AND state = 'IN_FLIGHT'",
                response.getStatusCode().value(), type == null ? null : type.toString(), body, ts(clock.instant()),
                scope, key, attempt.number());
    }

    /**
     * The attempt ended without an answer: the next request under the key resumes at once. Never a release. The
     * answer waits for the mark at most {@code retryable-mark-wait}: when the database is what failed, a mark would
     * wait the pool's whole connection timeout on top of everything the failed attempt already waited, past what
     * the client waits. It then lands in the background, and a retry meanwhile meets 409 in flight.
     */
    private void retryable(String scope, String key, IdempotentAttempt attempt) {
        Unanswered unanswered = new Unanswered(scope, key, attempt.number());
        CompletableFuture<Void> marking;
        try {
            marking = CompletableFuture.runAsync(() -> markOrQueue(unanswered), marker);
        } catch (RejectedExecutionException e) {
            unmarked.add(unanswered); // marking is backed up: the database is down; the scheduled round marks it
            return;
        }
        try {
            marking.get(properties.retryableMarkWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Idempotency key {} of {} not marked retryable within {}: it is marked in the background", key,
                    scope, properties.retryableMarkWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("Idempotency key {} of {}: marking failed", key, scope, e.getCause());
        }
    }

    private void markOrQueue(Unanswered attempt) {
        try {
            markRetryable(attempt);
        } catch (RuntimeException e) {
            // The database is what failed, most likely: the key stays IN_FLIGHT, so retries would meet 409 until its
            // lease ends. It is marked as soon as the database answers again instead.
            unmarked.add(attempt);
            log.warn("Idempotency key {} of {} not marked retryable yet: {}", attempt.key(), attempt.scope(),
                    e.toString());
        }
    }

    @Override
    public void destroy() {
        marker.shutdown();
    }

    private void markRetryable(Unanswered attempt) {
        jdbc.update("UPDATE idempotency_record SET state = 'RETRYABLE', owner = NULL, updated_at = ? "
                        + "WHERE scope = ? AND idempotency_key = ? AND attempt = ? AND state = 'IN_FLIGHT'",
                ts(clock.instant()), attempt.scope(), attempt.key(), attempt.number());
    }

    /** Attempts that ended without an answer while the database could not record it; marked once it can. */
    @Scheduled(fixedDelayString = "${orderpay.idempotency.unmarked-retry-interval:PT2S}")
    public void markUnansweredAttempts() {
        for (Unanswered attempt = unmarked.poll(); attempt != null; attempt = unmarked.poll()) {
            try {
                markRetryable(attempt);
            } catch (RuntimeException e) {
                unmarked.add(attempt);
                return; // still down: the next round tries again
            }
        }
    }

    private record Unanswered(String scope, String key, int number) {
    }

    private static ResponseEntity<?> replay(StoredRecord stored) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Idempotent-Replayed", "true");
        if (stored.responseType() != null) {
            headers.setContentType(MediaType.parseMediaType(stored.responseType()));
        }
        return ResponseEntity.status(stored.responseStatus()).headers(headers).body(stored.responseBody());
    }

    private static ResponseEntity<?> problemResponse(ProblemException e) {
        ProblemDetail problem = ProblemTypes.of(e.code(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        // Set here, not by Spring on the way out, so that the stored replay is the same body to the byte.
        currentPath().ifPresent(path -> problem.setInstance(URI.create(path)));
        return ResponseEntity.status(e.code().status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Keys past their retention go, in small batches so that the purge never holds long locks. */
    @Scheduled(fixedDelayString = "${orderpay.idempotency.purge-interval:PT10M}")
    public void purgeExpired() {
        int purged;
        do {
            purged = jdbc.update("DELETE FROM idempotency_record WHERE expires_at < ? LIMIT 500", ts(clock.instant()));
        } while (purged == 500);
    }

    private static void requireWellFormed(String key) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && java.util.Collections.list(attributes.getRequest().getHeaders(HEADER)).size() > 1) {
            // Spring would join them into one key "a,b", which neither request would ever be replayed under.
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "Idempotency-Key must be sent once");
        }
        if (key == null || !KEY.matcher(key).matches() || key.isBlank()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "Idempotency-Key must be 1-128 printable characters");
        }
    }

    private String hash(String operation, Object request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(objectMapper.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> currentPath() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return Optional.of(attributes.getRequest().getRequestURI());
        }
        return Optional.empty();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private record StoredRecord(String requestHash, String state, int attempt, Integer responseStatus,
                                String responseType, String responseBody, Instant updatedAt) {
    }
}
