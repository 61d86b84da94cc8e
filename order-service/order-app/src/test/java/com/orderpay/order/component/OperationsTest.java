package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What operators and the platform see on the service port. */
class OperationsTest extends OrderServiceComponentTest {

    @Test
    void healthShowsTheDatabaseAndRedisAndReadinessIsUp() {
        Reply health = send("GET", orderUrl("/actuator/health"), null, null, Map.of(), null);
        Reply readiness = send("GET", orderUrl("/actuator/health/readiness"), null, null, Map.of(), null);

        assertThat(health.status()).as(health.raw()).isEqualTo(200);
        assertThat(health.body().path("components").path("db").path("status").asText()).isEqualTo("UP");
        // Redisson is wired from spring.data.redis.* (its connection factory answers the redis check).
        assertThat(health.body().path("components").path("redis").path("status").asText()).isEqualTo("UP");
        assertThat(readiness.status()).isEqualTo(200);
    }

    @Test
    void placementMetricsAreExposedForPrometheus() {
        place(userWith("5.00"), skuWith(5, "1.00"), 1, true);

        Reply prometheus = send("GET", orderUrl("/actuator/prometheus"), null, null, Map.of(), null);

        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.raw())
                .contains("orderpay_orders_placed_total{application=\"order-service\",outcome=\"paid\"}")
                .contains("orderpay_orders_placed_total{application=\"order-service\",outcome=\"out_of_stock\"}")
                .contains("orderpay_orders_placement_seconds_count")
                .contains("resilience4j_circuitbreaker_state");
    }
}
