package com.orderpay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The public API as an operator and a storefront use it, for preparing a run and checking it afterwards (the load
 * itself is Gatling's). A 429 is waited out and sent again: it moved nothing. So is a read answered 503 with
 * {@code Retry-After}: after an overload the gateway's circuit may stay open for its wait (10 s) while the checks
 * that follow the load begin.
 */
final class Api {

    record Reply(int status, JsonNode body, String raw) {
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RATE_LIMITED = 30;
    private static final int MAX_UNAVAILABLE_READS = 60;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Api(String base) {
        this.base = base;
    }

    String token(String userId, String... roles) {
        Reply reply = send("POST", "/api/dev/tokens", null, null, Map.of("userId", userId, "roles", List.of(roles)));
        if (reply.status() != 200) {
            throw new IllegalStateException("dev token for " + userId + ": " + reply.status() + " " + reply.raw()
                    + " (the system must run with the local profile)");
        }
        return reply.body().path("token").asText();
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    Reply send(String method, String path, String token, String idempotencyKey, Object body) {
        try {
            String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            for (int attempt = 1; ; attempt++) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Accept", "application/json, application/problem+json");
                if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                if (idempotencyKey != null) {
                    request.header("Idempotency-Key", idempotencyKey);
                }
                if (json != null) {
                    request.header("Content-Type", "application/json");
                }
                request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                boolean unavailableRead = response.statusCode() == 503 && method.equals("GET")
                        && response.headers().firstValue("Retry-After").isPresent() && attempt < MAX_UNAVAILABLE_READS;
                if ((response.statusCode() == 429 && attempt < MAX_RATE_LIMITED) || unavailableRead) {
                    Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
                    continue;
                }
                JsonNode parsed = null;
                if (!response.body().isEmpty()) {
                    try {
                        parsed = JSON.readTree(response.body());
                    } catch (IOException e) {
                        parsed = null;
                    }
                }
                return new Reply(response.statusCode(), parsed, response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply expect(int status, Reply reply, String what) {
        if (reply.status() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + reply.status() + " " + reply.raw());
        }
        return reply;
    }
}
