package com.orderpay.system;

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

/** What a storefront or an operator does: HTTP against the gateway only. */
final class Storefront {

    record Reply(int status, HttpResponse<String> raw, JsonNode body) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        /** The code at the end of a problem's type, e.g. "out-of-stock". */
        String problemCode() {
            String type = body == null ? null : body.path("type").asText(null);
            return type == null ? null : type.substring(type.lastIndexOf('/') + 1);
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Storefront(String gatewayBaseUrl) {
        this.base = gatewayBaseUrl;
    }

    String token(String userId, String... roles) {
        Reply reply = send("POST", "/api/dev/tokens", null, null, Map.of("userId", userId, "roles", List.of(roles)),
                Map.of());
        if (reply.status() != 200) {
            throw new IllegalStateException("dev token: " + reply.status() + " " + reply.raw().body());
        }
        return reply.body().path("token").asText();
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null, null, Map.of());
    }

    /**
     * A GET whose answer a test compares: a 429 (the user's rate limit, which a test sending many requests as one
     * user can reach) is waited out as its Retry-After says, as a client would, instead of being the answer.
     */
    Reply read(String path, String token) {
        Reply reply = get(path, token);
        for (int attempt = 0; reply.status() == 429 && attempt < 10; attempt++) {
            String retryAfter = reply.header("Retry-After");
            try {
                Thread.sleep(1000L * (retryAfter == null ? 1 : Math.max(1, Long.parseLong(retryAfter))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            reply = get(path, token);
        }
        return reply;
    }

    Reply post(String path, String token, String idempotencyKey, Object body) {
        return send("POST", path, token, idempotencyKey, body, Map.of());
    }

    Reply put(String path, String token, Object body) {
        return send("PUT", path, token, null, body, Map.of());
    }

    Reply send(String method, String path, String token, String idempotencyKey, Object body,
            Map<String, String> headers) {
        try {
            String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            return sendRaw(method, path, token, idempotencyKey, json, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply sendRaw(String method, String path, String token, String idempotencyKey, String json,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        headers.forEach(request::header);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = null;
            if (response.body() != null && !response.body().isBlank()) {
                try {
                    parsed = JSON.readTree(response.body());
                } catch (IOException notJson) {
                    parsed = null;
                }
            }
            return new Reply(response.statusCode(), response, parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
