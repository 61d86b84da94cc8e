package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** What operators and the platform see on the service port. */
class OperationsTest extends OrderServiceComponentTest {

    @Autowired
    ThreadPoolTaskScheduler scheduler;
    @Autowired
    ScheduledTaskHolder scheduledTasks;

    @Test
    void healthShowsItsDetailsToThePlatformOnlyAndReadinessIsUp() {
        // send() carries the internal credential, as the platform's own callers do.
        Reply health = send("GET", orderUrl("/actuator/health"), null, null, Map.of(), null);
        Reply readiness = send("GET", orderUrl("/actuator/health/readiness"), null, null, Map.of(), null);

        assertThat(health.body().path("components").path("db").path("status").asText()).as(health.raw()).isEqualTo("UP");
        // Redisson is wired from spring.data.redis.* (its connection factory answers the redis check).
        assertThat(health.body().path("components").has("redis")).isTrue();
        assertThat(readiness.status()).isEqualTo(200);
    }

    @Test
    void actuatorsBodilessRefusalsAreProblemsToo() {
        // Actuator answers these with a status alone; everything else on this port answers a problem.
        for (String path : new String[] {"/actuator/health/nope", "/actuator/metrics/no.such.meter"}) {
            Reply reply = send("GET", orderUrl(path), null, null, Map.of(), null);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.contentType()).as(path).startsWith("application/problem+json");
            assertThat(reply.body().path("type").asText()).as(path).endsWith("/not-found");
            assertThat(reply.body().path("instance").asText()).as(path).isEqualTo(path);
        }
        // An answer with a body is left alone.
        assertThat(send("GET", orderUrl("/actuator/health/readiness"), null, null, Map.of(), null).body()
                .path("status").asText()).isEqualTo("UP");
    }

    @Test
    void placementMetricsCountWhatHappened() {
        String scrapeBefore = scrape();
        String sku = skuWith(5, "1.00");
        place(userWith("5.00"), sku, 1, true);
        place(userWith("5.00"), sku, 9, true);

        String scrapeAfter = scrape();

        assertThat(PrometheusScrape.sum(scrapeAfter, "orderpay_orders_placed_total", "outcome=\"paid\""))
                .isEqualTo(PrometheusScrape.sum(scrapeBefore, "orderpay_orders_placed_total", "outcome=\"paid\"") + 1);
        assertThat(PrometheusScrape.sum(scrapeAfter, "orderpay_orders_placed_total", "outcome=\"out_of_stock\""))
                .isEqualTo(PrometheusScrape.sum(scrapeBefore, "orderpay_orders_placed_total", "outcome=\"out_of_stock\"") + 1);
        assertThat(PrometheusScrape.sum(scrapeAfter, "orderpay_orders_placement_seconds_count", ""))
                .isEqualTo(PrometheusScrape.sum(scrapeBefore, "orderpay_orders_placement_seconds_count", "") + 2);
        assertThat(scrapeAfter).contains("resilience4j_circuitbreaker_state");
    }

    @Test
    void thePoolPinsReadCommittedWhateverTheServerDefault() {
        assertThat(orderDb.queryForObject("SELECT @@global.transaction_isolation", String.class))
                .isEqualTo("REPEATABLE-READ");
        assertThat(orderDb.queryForObject("SELECT @@transaction_isolation", String.class)).isEqualTo("READ-COMMITTED");
    }

    @Test
    void everyBackgroundJobHasAThreadOfItsOwn() {
        // Fixed-delay jobs never overlap themselves: with a thread per job, one stalled on a slow dependency (the
        // deadline scan waiting on inventory) cannot delay another (the Redis poll, the idempotency purge).
        assertThat(scheduledTasks.getScheduledTasks()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(scheduler.getPoolSize()).isGreaterThanOrEqualTo(scheduledTasks.getScheduledTasks().size());
    }

    private String scrape() {
        return send("GET", orderUrl("/actuator/prometheus"), null, null, Map.of(), null).raw();
    }
}
