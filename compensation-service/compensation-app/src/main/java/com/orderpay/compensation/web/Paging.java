package com.orderpay.compensation.web;

import com.orderpay.platform.paging.AuditPaging;
import com.orderpay.platform.problem.ProblemException;
import java.time.Instant;
import java.util.List;

/** Limits, opaque cursors and query values of the operations API; anything malformed is a 400. */
final class Paging {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private Paging() {
    }

    static int limit(Integer limit) {
        return AuditPaging.limit(limit == null ? DEFAULT_LIMIT : limit, MAX_LIMIT);
    }

    static String encode(String kind, String value) {
        return AuditPaging.cursor(kind, value);
    }

    static String decode(String kind, String cursor) {
        return AuditPaging.after(kind, cursor);
    }

    static Long decodeId(String kind, String cursor) {
        return AuditPaging.afterId(kind, cursor);
    }

    static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!allowed.contains(value)) {
            throw ProblemException.invalidParameter(field, "must be one of " + allowed);
        }
        return value;
    }

    static Instant instant(String field, String value) {
        return value == null || value.isBlank() ? null : AuditPaging.instant(field, value);
    }
}
