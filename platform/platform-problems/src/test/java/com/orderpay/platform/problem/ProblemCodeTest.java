package com.orderpay.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ProblemCodeTest {

    @Test
    void typeUrisAreStableForClientsToMatch() {
        assertThat(ProblemCode.RATE_LIMITED.type()).hasToString("https://orderpay.dev/problems/rate-limited");
        assertThat(ProblemCode.SERVICE_UNAVAILABLE.type()).hasToString("https://orderpay.dev/problems/service-unavailable");
    }

    @Test
    void statusesMapToCodes() {
        assertThat(ProblemCode.forStatus(HttpStatus.NOT_FOUND)).isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(ProblemCode.forStatus(HttpStatus.TOO_MANY_REQUESTS)).isEqualTo(ProblemCode.RATE_LIMITED);
        assertThat(ProblemCode.forStatus(HttpStatus.PAYLOAD_TOO_LARGE)).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(ProblemCode.forStatus(HttpStatus.METHOD_NOT_ALLOWED)).isEqualTo(ProblemCode.METHOD_NOT_ALLOWED);
        assertThat(ProblemCode.forStatus(HttpStatus.GATEWAY_TIMEOUT)).as("never a bare 504")
                .isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
        assertThat(ProblemCode.forStatus(HttpStatus.INTERNAL_SERVER_ERROR)).isEqualTo(ProblemCode.INTERNAL_ERROR);
        assertThat(ProblemCode.forStatus(HttpStatus.CONFLICT)).as("a generic 409 claims no business outcome")
                .isEqualTo(ProblemCode.VALIDATION_FAILED);
    }

    @Test
    void typesNameTheirCode() {
        for (ProblemCode code : ProblemCode.values()) {
            assertThat(ProblemCode.fromType(code.type().toString())).contains(code);
        }
        assertThat(ProblemCode.fromType("https://example.com/problems/other")).isEmpty();
    }
}
