package com.orderpay.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import com.orderpay.platform.problem.ProblemTypes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * One Idempotency-Key, one effect (api.md). The key is claimed by inserting a row before the work runs (the
 * primary key makes the claim atomic across replicas); the first response, success or business 4xx, is stored
 * and replayed for the same request; another request under the same key is refused with 422; a second request
 * while the first still runs gets 409. A failure that is not the caller's (5xx, a dependency down) releases the
 * key, so the retry the client will make runs again.
 */
public class IdempotentRequests {

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);
    private static final Pattern KEY = Pattern.compile("[\\x20-\\x7E]{1,128}");

    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final IdempotencyProperties properties;
    private final Clock clock;

    public IdempotentRequests(JdbcTemplate jdbc, ObjectMapper objectMapper, IdempotencyProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Runs {@code work} at most once for this (scope, key) and this request.
     *
     * @param scope     whose key it is (the user id): keys of different users never meet
     * @param key       the Idempotency-Key header as sent
     * @param operation what is asked, e.g. {@code "POST /api/orders"}; part of the request's identity
     * @param request   the validated request body (or any value naming the request); part of its identity
     */
    public ResponseEntity<?> execute(String scope, String key, String operation, Object request,
            Supplier<ResponseEntity<?>> work) {
        if (key == null || !KEY.matcher(key).matches() || key.isBlank()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "Idempotency-Key must be 1-128 printable characters");
        }
        return claimAndRun(scope, key, hash(operation, request), work);
    }

    private ResponseEntity<?> replayOrRefuse(String scope, String key, String hash, Instant now,
            Supplier<ResponseEntity<?>> work) {
        List<StoredRecord> rows = jdbc.query(
                "SELECT request_hash, state, response_status, response_type, response_body, updated_at "
                        + "FROM idempotency_record WHERE scope = ? AND idempotency_key = ?",
                (rs, i) -> new StoredRecord(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()),
                scope, key);
        if (rows.isEmpty()) {
            // Released between our insert and our read (the first try failed and let go): claim again.
            return claimAndRun(scope, key, hash, work);
        }
        StoredRecord stored = rows.get(0);
        if (!stored.requestHash().equals(hash)) {
            throw new ProblemException(ProblemCode.IDEMPOTENCY_KEY_REUSE,
                    "This Idempotency-Key was used for a different request");
        }
        if ("COMPLETED".equals(stored.state())) {
            HttpHeaders headers = new HttpHeaders();
            headers.set("Idempotent-Replayed", "true");
            if (stored.responseType() != null) {
                headers.setContentType(MediaType.parseMediaType(stored.responseType()));
            }
            return ResponseEntity.status(stored.responseStatus()).headers(headers).body(stored.responseBody());
        }
        Instant leaseEnd = stored.updatedAt().plus(properties.inFlightLease());
        if (leaseEnd.isBefore(now) && takeOver(scope, key, stored.updatedAt(), now)) {
            log.warn("Idempotency key {} of {} was abandoned in flight; running it again", key, scope);
            return runAndRecord(scope, key, work);
        }
        throw new ProblemException(ProblemCode.IDEMPOTENCY_KEY_IN_FLIGHT,
                "The first request with this Idempotency-Key is still being processed");
    }

    private ResponseEntity<?> claimAndRun(String scope, String key, String hash, Supplier<ResponseEntity<?>> work) {
        Instant now = clock.instant();
        if (!claim(scope, key, hash, now)) {
            return replayOrRefuse(scope, key, hash, now, work);
        }
        return runAndRecord(scope, key, work);
    }

    private ResponseEntity<?> runAndRecord(String scope, String key, Supplier<ResponseEntity<?>> work) {
        ResponseEntity<?> response;
        try {
            response = work.get();
        } catch (ProblemException e) {
            if (!e.code().status().is4xxClientError()) {
                release(scope, key);
                throw e;
            }
            ProblemDetail problem = ProblemTypes.of(e.code(), e.getMessage());
            e.properties().forEach(problem::setProperty);
            // Set here, not by Spring on the way out, so that the stored replay is the same body to the byte.
            currentPath().ifPresent(path -> problem.setInstance(java.net.URI.create(path)));
            response = ResponseEntity.status(e.code().status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        } catch (RuntimeException | Error e) {
            release(scope, key);
            throw e;
        }
        if (response.getStatusCode().is5xxServerError()) {
            release(scope, key);
            return response;
        }
        complete(scope, key, response);
        return response;
    }

    private boolean claim(String scope, String key, String hash, Instant now) {
        try {
            jdbc.update("INSERT INTO idempotency_record (scope, idempotency_key, request_hash, state, created_at, "
                            + "updated_at, expires_at) VALUES (?, ?, ?, 'IN_FLIGHT', ?, ?, ?)",
                    scope, key, hash, ts(now), ts(now), ts(now.plus(properties.retention())));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private boolean takeOver(String scope, String key, Instant seenUpdatedAt, Instant now) {
        return jdbc.update("UPDATE idempotency_record SET updated_at = ? WHERE scope = ? AND idempotency_key = ? "
                + "AND state = 'IN_FLIGHT' AND updated_at = ?", ts(now), scope, key, ts(seenUpdatedAt)) == 1;
    }

    private void complete(String scope, String key, ResponseEntity<?> response) {
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
        jdbc.update("UPDATE idempotency_record SET state = 'COMPLETED', response_status = ?, response_type = ?, "
                        + "response_body = ?, updated_at = ? WHERE scope = ? AND idempotency_key = ?",
                response.getStatusCode().value(), type == null ? null : type.toString(), body, ts(clock.instant()),
                scope, key);
    }

    private void release(String scope, String key) {
        jdbc.update("DELETE FROM idempotency_record WHERE scope = ? AND idempotency_key = ? AND state = 'IN_FLIGHT'",
                scope, key);
    }

    /** Keys past their retention go, in small batches so that the purge never holds long locks. */
    @Scheduled(fixedDelayString = "${orderpay.idempotency.purge-interval:PT10M}")
    public void purgeExpired() {
        int purged;
        do {
            purged = jdbc.update("DELETE FROM idempotency_record WHERE expires_at < ? LIMIT 500", ts(clock.instant()));
        } while (purged == 500);
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

    private static java.util.Optional<String> currentPath() {
        if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes attributes) {
            return java.util.Optional.of(attributes.getRequest().getRequestURI());
        }
        return java.util.Optional.empty();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private record StoredRecord(String requestHash, String state, Integer responseStatus, String responseType,
                                String responseBody, Instant updatedAt) {
    }
}
