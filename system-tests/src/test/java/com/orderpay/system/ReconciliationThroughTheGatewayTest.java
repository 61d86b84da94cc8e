package com.orderpay.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpay.system.Storefront.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The operator's reconciliation through the gateway, on a healthy system after real traffic. */
class ReconciliationThroughTheGatewayTest {

    private static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aRunAfterRealTrafficFindsNothingOnAHealthySystem() throws Exception {
        Storefront api = RunningSystem.storefront();
        String admin = api.token("ops-reconciler", "ADMIN", "USER");
        String sku = "SKU-R-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/api/admin/skus/" + sku, admin, Map.of("name", "Recon mug", "price", "2.50", "onHand", 40))
                .status()).isIn(200, 201);
        for (int i = 0; i < 4; i++) {
            String userId = "recon-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            assertThat(api.post("/api/admin/wallets/" + userId + "/credits", admin, key(), Map.of("amount", "20.00"))
                    .status()).isEqualTo(200);
            String user = api.token(userId, "USER");
            Reply paid = api.post("/api/orders", user, key(),
                    Map.of("items", List.of(Map.of("skuId", sku, "quantity", 2)), "payNow", true));
            assertThat(paid.status()).as(paid.raw().body()).isEqualTo(201);
            Reply later = api.post("/api/orders", user, key(),
                    Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1)), "payNow", false));
            assertThat(later.status()).isEqualTo(201);
            String orderNo = later.body().path("orderNo").asText();
            if (i % 2 == 0) {
                assertThat(api.post("/api/orders/" + orderNo + "/payment", user, key(), null).status()).isEqualTo(200);
            } else {
                assertThat(api.post("/api/orders/" + orderNo + "/cancellation", user, key(), null).status())
                        .isEqualTo(200);
            }
            Reply refused = api.post("/api/orders", user, key(),
                    Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1000)), "payNow", true));
            assertThat(refused.status()).isEqualTo(409);
        }
        // The traffic must be older than the grace period to be judged at all.
        Thread.sleep(Duration.parse(RunningSystem.RECONCILIATION_GRACE).plusSeconds(2).toMillis());

        Reply started = api.post("/api/admin/reconciliation/runs", admin, key(), null);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        String runId = started.body().path("runId").asText();
        JsonNode run = await().atMost(Duration.ofSeconds(120)).until(
                () -> api.get("/api/admin/reconciliation/runs/" + runId, admin).body(),
                body -> !"RUNNING".equals(body.path("status").asText()));

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.path("checked").asLong()).isGreaterThan(0);
        assertThat(run.path("repaired").asLong()).isZero();
        assertThat(run.path("flagged").asLong()).isZero();
        Reply findings = api.get("/api/admin/reconciliation/findings?runId=" + runId, admin);
        assertThat(findings.status()).isEqualTo(200);
        assertThat(findings.body().path("findings")).as(findings.raw().body()).isEmpty();
        // The run shows COMPLETED a moment before its replica evaluates the alerts that read it.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Reply alerts = api.get("/api/admin/alerts?state=FIRING", admin);
            assertThat(alerts.status()).isEqualTo(200);
            assertThat(alerts.body().path("alerts").toString()).doesNotContain("invariant-breach", "unrepaired-findings");
        });
        assertThat(api.get("/api/admin/alerts", api.token("not-an-admin", "USER")).status()).isEqualTo(403);
    }
}
