package com.orderpay.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;

class ProblemDetailsAdviceTest {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/orders");

    @Test
    void aKeyStillInFlightSaysWhenToRetryAsA503Does() {
        var inFlight = advice.onProblem(new ProblemException(ProblemCode.IDEMPOTENCY_KEY_IN_FLIGHT, "still running"),
                request);
        var unavailable = advice.onProblem(new ProblemException(ProblemCode.SERVICE_UNAVAILABLE, "down"), request);
        var outOfStock = advice.onProblem(new ProblemException(ProblemCode.OUT_OF_STOCK, "none left"), request);

        assertThat(inFlight.getStatusCode().value()).isEqualTo(409);
        assertThat(inFlight.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(unavailable.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(outOfStock.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).as("retrying changes nothing").isNull();
        assertThat(inFlight.getBody().getInstance()).hasToString("/api/orders");
    }
}
