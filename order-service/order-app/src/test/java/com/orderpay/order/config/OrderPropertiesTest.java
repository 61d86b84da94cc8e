package com.orderpay.order.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class OrderPropertiesTest {

    private static OrderProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("orderpay.order", OrderProperties.class);
    }

    @Test
    void withNothingSetOrdersWaitFifteenMinutesAndAllThreeExpiryLayersRun() {
        OrderProperties properties = bind(Map.of());

        assertThat(properties.paymentTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(properties.expiryScanInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.expiry().redis().enabled()).isTrue();
        assertThat(properties.expiry().redis().pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(properties.expiry().redis().key()).isEqualTo("orderpay:order-service:payment-deadlines");
        assertThat(properties.expiry().db().enabled()).isTrue();
        assertThat(properties.expiry().timer().enabled()).isTrue();
    }

    @Test
    void eachLayerCanBeSwitchedOffAlone() {
        OrderProperties properties = bind(Map.of("orderpay.order.expiry.redis.enabled", "false",
                "orderpay.order.expiry.timer.enabled", "false", "orderpay.order.expiry-scan-interval", "PT1S"));

        assertThat(properties.expiry().redis().enabled()).isFalse();
        assertThat(properties.expiry().db().enabled()).isTrue();
        assertThat(properties.expiry().timer().enabled()).isFalse();
        assertThat(properties.expiryScanInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aZeroTimeoutOrScanIntervalIsRefusedAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of("orderpay.order.payment-timeout", "PT0S")))
                .isInstanceOf(BindException.class).hasStackTraceContaining("payment-timeout must be positive");
        assertThatThrownBy(() -> bind(Map.of("orderpay.order.expiry-scan-interval", "PT0S")))
                .isInstanceOf(BindException.class).hasStackTraceContaining("expiry-scan-interval must be positive");
    }
}
