package com.orderpay.platform.problem;

import org.springframework.http.HttpStatus;

/** The stable error codes of the public API (api.md); the problem {@code type} URI ends in {@link #slug()}. */
public enum ProblemCode {
    VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "Request is not valid"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    OUT_OF_STOCK("out-of-stock", HttpStatus.CONFLICT, "Out of stock"),
    INSUFFICIENT_BALANCE("insufficient-balance", HttpStatus.CONFLICT, "Insufficient balance"),
    ORDER_NOT_PAYABLE("order-not-payable", HttpStatus.CONFLICT, "Order is not payable"),
    IDEMPOTENCY_KEY_IN_FLIGHT("idempotency-key-in-flight", HttpStatus.CONFLICT, "Request with this key is in flight"),
    IDEMPOTENCY_KEY_REUSE("idempotency-key-reuse", HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency key reused with another request"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private final String slug;
    private final HttpStatus status;
    private final String title;

    ProblemCode(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The code named at the end of a problem {@code type} URI, or empty when it is none of ours. */
    public static java.util.Optional<ProblemCode> fromType(String type) {
        if (type == null) {
            return java.util.Optional.empty();
        }
        String slug = type.substring(type.lastIndexOf('/') + 1);
        for (ProblemCode code : values()) {
            if (code.slug.equals(slug)) {
                return java.util.Optional.of(code);
            }
        }
        return java.util.Optional.empty();
    }
}
