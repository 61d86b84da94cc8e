package com.orderpay.gateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Outside the local profile nothing secret has a default: the gateway does not start without its internal credential,
 * and under k8s without the identity provider's JWK set, issuer and audience; it names each one missing.
 */
class ProductionSettingsTest {

    @Test
    void underK8sWithoutItsSecretsTheGatewayRefusesToStartAndNamesEachOne() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .profiles("k8s")
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run().close())
                .hasStackTraceContaining("Required settings are not configured")
                .hasStackTraceContaining("ORDERPAY_INTERNAL_TOKEN")
                .hasStackTraceContaining("ORDERPAY_JWK_SET_URI")
                .hasStackTraceContaining("ORDERPAY_JWT_ISSUER")
                .hasStackTraceContaining("ORDERPAY_JWT_AUDIENCE");
    }

    @Test
    void withNoProfileAtAllTheLocalDefaultsAreNotUsed() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run().close())
                .hasStackTraceContaining("ORDERPAY_INTERNAL_TOKEN");
    }
}
