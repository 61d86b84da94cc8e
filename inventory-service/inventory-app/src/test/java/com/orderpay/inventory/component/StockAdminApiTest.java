package com.orderpay.inventory.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.seata.tm.api.GlobalTransaction;
import org.junit.jupiter.api.Test;

/** What an operator reads of the stock: every SKU's figures, one SKU's live holds, one order's reservation. */
class StockAdminApiTest extends InventoryComponentTest {

    private static final String ADMIN = "ops-admin";

    @Test
    void anAdminSeesEveryFigureTheLiveHoldsOfASkuAndTheReservationOfAnOrder() throws Exception {
        String sku = skuWith(10);
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("admin-hold");
        assertThat(reserve(tx.getXid(), orderNo, "HOLD", new Line(sku, 3)).statusCode()).isEqualTo(200);
        tx.commit();
        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> assertThat(reservationStatuses(orderNo)).containsExactly("HELD"));

        JsonNode skus = json(send("GET", "/api/admin/skus", null, admin(ADMIN)));
        JsonNode mine = null;
        for (JsonNode one : skus) {
            if (one.path("skuId").asText().equals(sku)) {
                mine = one;
            }
        }
        assertThat(mine).as(skus.toString()).isNotNull();
        assertThat(List.of(mine.path("onHand").asLong(), mine.path("reserved").asLong(), mine.path("available").asLong(),
                mine.path("sold").asLong())).containsExactly(10L, 3L, 7L, 0L);

        JsonNode holds = json(send("GET", "/api/admin/skus/" + sku + "/holds", null, admin(ADMIN)));
        assertThat(holds).hasSize(1);
        assertThat(holds.get(0).path("orderNo").asText()).isEqualTo(orderNo);
        assertThat(holds.get(0).path("status").asText()).isEqualTo("HELD");
        assertThat(holds.get(0).path("quantity").asInt()).isEqualTo(3);

        JsonNode reservation = json(send("GET", "/api/admin/stock-reservations/" + orderNo, null, admin(ADMIN)));
        assertThat(reservation).hasSize(1);
        assertThat(reservation.get(0).path("tryXid").asText()).isEqualTo(tx.getXid());
        assertThat(reservation.get(0).path("purpose").asText()).isEqualTo("HOLD");

        assertThat(release(orderNo).statusCode()).isEqualTo(200);
        assertThat(json(send("GET", "/api/admin/skus/" + sku + "/holds", null, admin(ADMIN)))).isEmpty();
        assertProblem(send("GET", "/api/admin/skus/" + unique("NOPE") + "/holds", null, admin(ADMIN)), 404, "not-found");
        assertProblem(send("GET", "/api/admin/stock-reservations/" + unique("O"), null, admin(ADMIN)), 404, "not-found");
        assertProblem(send("GET", "/api/admin/skus", null, com.orderpay.devstack.ServiceHop.caller("shopper", "USER")), 403, "forbidden");
    }
}
