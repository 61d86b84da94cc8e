package com.orderpay.compensation.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpay.compensation.CompensationApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the local profile no secret has a default: the service does not start without them, and says which. */
class ProductionSettingsTest {

    @Test
    void withoutItsSecretsTheServiceRefusesToStartAndNamesEachOne() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(CompensationApplication.class)
                .profiles("k8s")
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run().close())
                .hasStackTraceContaining("Required settings are not configured")
                .hasStackTraceContaining("orderpay.identity.internal-token")
                .hasStackTraceContaining("COMPENSATION_DB_URL")
                .hasStackTraceContaining("COMPENSATION_DB_PASSWORD");
    }
}
