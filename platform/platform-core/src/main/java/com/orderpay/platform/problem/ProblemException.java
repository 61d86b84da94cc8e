package com.orderpay.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * A business outcome the caller must see as an RFC 9457 problem. Thrown anywhere in a service; rendered by
 * {@link ProblemDetailsAdvice}. Across a Feign hop it is rebuilt from the callee's problem body, so an
 * {@code out-of-stock} from inventory reaches the storefront as the same code.
 */
public class ProblemException extends RuntimeException {

    private final ProblemCode code;
    private final transient Map<String, Object> properties;

    public ProblemException(ProblemCode code, String detail) {
        this(code, detail, Map.of());
    }

    public ProblemException(ProblemCode code, String detail, Map<String, Object> properties) {
        super(detail);
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public ProblemCode code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** A query parameter the request got wrong: "Parameter limit must be 1-100", the name also in {@code errors}. */
    public static ProblemException invalidParameter(String name, String message) {
        return new ProblemException(ProblemCode.VALIDATION_FAILED, "Parameter " + name + " " + message,
                Map.of("errors", List.of(Map.of("field", name, "message", message))));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemCode.NOT_FOUND, what + " not found");
    }
}
