package com.orderpay.wallet.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpay.wallet.WalletApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the local profile no secret has a default: the service does not start without them, and says which. */
class ProductionSettingsTest {

    @Test
    void withoutItsSecretsTheServiceRefusesToStartAndNamesEachOne() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(WalletApplication.class)
                .profiles("k8s")
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run().close())
                .hasStackTraceContaining("Required settings are not configured")
                .hasStackTraceContaining("orderpay.identity.internal-token")
                .hasStackTraceContaining("WALLET_DB_URL")
                .hasStackTraceContaining("WALLET_DB_PASSWORD");
    }
}
