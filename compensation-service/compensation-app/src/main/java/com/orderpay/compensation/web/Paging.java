package com.orderpay.compensation.web;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Limits, opaque cursors and query values of the operations API; anything malformed is a 400. */
final class Paging {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private Paging() {
    }

    static int limit(Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw invalid("limit", "must be 1-" + MAX_LIMIT);
        }
        return size;
    }

    static String encode(String kind, String value) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String kind, String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (plain.startsWith(kind + ":") && plain.length() > kind.length() + 1 && plain.length() < 100) {
                return plain.substring(kind.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // the same answer as any other foreign cursor
        }
        throw invalid("cursor", "not a cursor this API gave out");
    }

    static Long decodeId(String kind, String cursor) {
        String value = decode(kind, cursor);
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid("cursor", "not a cursor this API gave out");
        }
    }

    static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!allowed.contains(value)) {
            throw invalid(field, "must be one of " + allowed);
        }
        return value;
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an ISO-8601 instant");
        }
    }

    static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemCode.VALIDATION_FAILED, "Request is not valid",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
