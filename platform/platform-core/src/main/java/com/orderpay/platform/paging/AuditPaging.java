package com.orderpay.platform.paging;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The pieces every internal audit API (the pages reconciliation walks) shares: bounded limits, opaque keyset cursors,
 * instants and enum names from query parameters, and columns of map-shaped rows. Anything malformed is a 400
 * {@code validation-failed} naming the parameter.
 */
public final class AuditPaging {

    private AuditPaging() {
    }

    /** {@code limit} itself when it is 1-{@code max}; a 400 otherwise. */
    public static int limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw ProblemException.invalidParameter("limit", "must be 1-" + max);
        }
        return limit;
    }

    /** The opaque cursor after {@code value} in a walk of {@code kind} (a short tag, e.g. {@code "r"}). */
    public static String cursor(String kind, String value) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
    }

    /** The value a cursor of {@code kind} carries; null for no cursor (the first page); a 400 for a foreign one. */
    public static String after(String kind, String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (plain.startsWith(kind + ":") && plain.length() > kind.length() + 1 && plain.length() <= 200) {
                return plain.substring(kind.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // the same answer as any other foreign cursor
        }
        throw ProblemException.invalidParameter("cursor", "is not a cursor this API gave out");
    }

    /** The numeric id a cursor of {@code kind} carries, or null for the first page. */
    public static Long afterId(String kind, String cursor) {
        String value = after(kind, cursor);
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidParameter("cursor", "is not a cursor this API gave out");
        }
    }

    /** An ISO-8601 instant given as {@code field}. */
    public static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ProblemException.invalidParameter(field, "must be an ISO-8601 instant");
        }
    }

    /** The names given as {@code field}, each one of {@code type}'s constants; empty for none. */
    public static <E extends Enum<E>> List<String> names(String field, List<String> names, Class<E> type) {
        if (names == null) {
            return List.of();
        }
        return names.stream().map(name -> {
            try {
                return Enum.valueOf(type, name).name();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw ProblemException.invalidParameter(field, "must be among " + List.of(type.getEnumConstants()));
            }
        }).toList();
    }

    /** A column of a map-shaped row, whether the mapper kept its name or camel-cased it. */
    public static Object column(Map<String, Object> row, String column) {
        if (row.containsKey(column)) {
            return row.get(column);
        }
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return row.get(camel.toString());
    }

}
