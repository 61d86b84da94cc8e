package com.orderpay.inventory.stocking.web;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The SKU version named by an {@code If-Match} header (our ETags are strong: {@code "<version>"}). */
final class EntityTags {

    private static final Pattern STRONG_VERSION = Pattern.compile("\\s*\"(\\d{1,18})\"\\s*");

    private EntityTags() {
    }

    /** Empty without the header; 412 for anything that names no version of ours ({@code *}, weak or foreign tags). */
    static Optional<Long> version(String ifMatch) {
        if (ifMatch == null) {
            return Optional.empty();
        }
        Matcher matcher = STRONG_VERSION.matcher(ifMatch);
        if (!matcher.matches()) {
            throw new ProblemException(ProblemCode.PRECONDITION_FAILED,
                    "If-Match must be the SKU's ETag as GET /api/admin/skus/{skuId} gives it, e.g. \"12\"");
        }
        return Optional.of(Long.parseLong(matcher.group(1)));
    }
}
