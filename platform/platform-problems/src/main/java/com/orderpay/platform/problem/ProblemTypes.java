package com.orderpay.platform.problem;

import java.net.URI;
import org.springframework.http.ProblemDetail;

/** Builds problem details with the stable {@code type} URIs of api.md. */
public final class ProblemTypes {

    /** Base of every problem {@code type}; the code is appended. Stable: clients match on it. */
    public static final String BASE = "https://orderpay.dev/problems/";

    private ProblemTypes() {
    }

    public static URI typeOf(ProblemCode code) {
        return code.type();
    }

    public static ProblemDetail of(ProblemCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
        problem.setType(typeOf(code));
        problem.setTitle(code.title());
        return problem;
    }
}
