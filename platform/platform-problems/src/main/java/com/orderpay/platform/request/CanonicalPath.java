package com.orderpay.platform.request;

import java.util.Optional;

/**
 * Request paths are accepted only in the one form that every layer reads the same way. Routing (Spring MVC, the
 * gateway's predicates) matches on the decoded, normalised path while a filter sees the raw one: {@code /%69nternal},
 * {@code /api/admin;x/..}, {@code //internal} or {@code /api/./admin} would be one path to a guard and another to the
 * router. Our paths never need percent-encoding (ids are {@code [A-Za-z0-9_-]}), so anything that is not already
 * canonical is refused before any guard or route looks at it.
 */
public final class CanonicalPath {

    private CanonicalPath() {
    }

    /** Why {@code rawPath} (as received, before decoding) is refused, or empty when it is canonical. */
    public static Optional<String> problemWith(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Optional.of("the path must start with /");
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                return Optional.of("percent-encoded characters are not accepted in paths");
            }
            if (c == ';') {
                return Optional.of("path parameters (;) are not accepted");
            }
            if (c == '\\') {
                return Optional.of("backslashes are not accepted in paths");
            }
            if (c < 0x21 || c > 0x7E) {
                return Optional.of("only printable ASCII characters are accepted in paths");
            }
        }
        if (rawPath.contains("//")) {
            return Optional.of("empty path segments (//) are not accepted");
        }
        String[] segments = rawPath.split("/", -1);
        for (String segment : segments) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("dot segments (. and ..) are not accepted in paths");
            }
        }
        // The fixed prefixes (api, internal, actuator, ...) are lower case; another spelling names no route of ours.
        if (segments.length > 1 && !segments[1].equals(segments[1].toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("the first path segment must be lower case");
        }
        return Optional.empty();
    }
}
