package com.orderpay.gateway.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The api.md codes the gateway itself answers with; same {@code type} URIs as the services' platform-core
 * ({@code https://orderpay.dev/problems/<code>}), so that clients match one set of types.
 */
public enum GatewayProblem {
    VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "Request is not valid"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    /** Base of every problem {@code type}; the code is appended. Stable: clients match on it. */
    public static final String TYPE_BASE = "https://orderpay.dev/problems/";

    private final String slug;
    private final HttpStatus status;
    private final String title;

    GatewayProblem(String slug, HttpStatus status, String title) {
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

    public URI type() {
        return URI.create(TYPE_BASE + slug);
    }

    /**
     * The code for an HTTP status the gateway answers with. Client errors without a code of their own (405, 413,
     * 415, 431...) are validation failures: the request is not one the API accepts.
     */
    public static GatewayProblem forStatus(HttpStatusCode status) {
        for (GatewayProblem problem : values()) {
            if (problem.status.value() == status.value()) {
                return problem;
            }
        }
        if (status.value() == HttpStatus.GATEWAY_TIMEOUT.value() || status.value() == HttpStatus.BAD_GATEWAY.value()) {
            return SERVICE_UNAVAILABLE;
        }
        return status.is4xxClientError() ? VALIDATION_FAILED : INTERNAL_ERROR;
    }
}
