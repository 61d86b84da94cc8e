package com.orderpay.platform.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/** The stable error codes of the public API (api.md); the problem {@code type} URI ends in {@link #slug()}. */
public enum ProblemCode {
    VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "Request is not valid"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    OUT_OF_STOCK("out-of-stock", HttpStatus.CONFLICT, "Out of stock"),
    INSUFFICIENT_BALANCE("insufficient-balance", HttpStatus.CONFLICT, "Insufficient balance"),
    ORDER_NOT_PAYABLE("order-not-payable", HttpStatus.CONFLICT, "Order is not payable"),
    TOO_MANY_UNPAID_ORDERS("too-many-unpaid-orders", HttpStatus.CONFLICT, "Too many unpaid orders"),
    PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "Precondition failed"),
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

    /** The problem's {@code type}: {@code https://orderpay.dev/problems/<code>}. */
    public URI type() {
        return URI.create(ProblemTypes.BASE + slug);
    }

    /**
     * The code for an error status that has no business code of its own (the framework's 404, 405, 413...): client
     * errors without a code of their own are validation failures, the request is not one the API accepts; a bad
     * gateway or a timeout is an unavailable dependency, never a bare 502/504.
     */
    public static ProblemCode forStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 412 -> PRECONDITION_FAILED;
            case 429 -> RATE_LIMITED;
            case 502, 503, 504 -> SERVICE_UNAVAILABLE;
            default -> status.is4xxClientError() ? VALIDATION_FAILED : INTERNAL_ERROR;
        };
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
