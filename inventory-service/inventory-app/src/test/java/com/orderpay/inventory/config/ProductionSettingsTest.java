package com.orderpay.inventory.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpay.inventory.InventoryApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the local profile no secret has a default: the service does not start without them, and says which. */
class ProductionSettingsTest {

    @Test
    void withoutItsSecretsTheServiceRefusesToStartAndNamesEachOne() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(InventoryApplication.class)
                .profiles("k8s")
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run().close())
                .hasStackTraceContaining("Required settings are not configured")
                .hasStackTraceContaining("orderpay.identity.internal-token")
                .hasStackTraceContaining("INVENTORY_DB_URL")
                .hasStackTraceContaining("INVENTORY_DB_PASSWORD");
    }
}
