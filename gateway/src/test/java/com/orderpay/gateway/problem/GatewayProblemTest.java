package com.orderpay.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class GatewayProblemTest {

    @Test
    void typeUrisAreTheServicesOnes() {
        assertThat(GatewayProblem.RATE_LIMITED.type()).hasToString("https://orderpay.dev/problems/rate-limited");
        assertThat(GatewayProblem.SERVICE_UNAVAILABLE.type()).hasToString("https://orderpay.dev/problems/service-unavailable");
    }

    @Test
    void statusesMapToCodes() {
        assertThat(GatewayProblem.forStatus(HttpStatus.NOT_FOUND)).isEqualTo(GatewayProblem.NOT_FOUND);
        assertThat(GatewayProblem.forStatus(HttpStatus.TOO_MANY_REQUESTS)).isEqualTo(GatewayProblem.RATE_LIMITED);
        assertThat(GatewayProblem.forStatus(HttpStatus.PAYLOAD_TOO_LARGE)).isEqualTo(GatewayProblem.VALIDATION_FAILED);
        assertThat(GatewayProblem.forStatus(HttpStatus.METHOD_NOT_ALLOWED)).isEqualTo(GatewayProblem.VALIDATION_FAILED);
        assertThat(GatewayProblem.forStatus(HttpStatus.GATEWAY_TIMEOUT)).as("never a bare 504")
                .isEqualTo(GatewayProblem.SERVICE_UNAVAILABLE);
        assertThat(GatewayProblem.forStatus(HttpStatus.INTERNAL_SERVER_ERROR)).isEqualTo(GatewayProblem.INTERNAL_ERROR);
    }
}
