package com.orderpay.inventory.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpay.inventory.reserving.StockMetrics;
import io.micrometer.core.instrument.Counter;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.seata.tm.api.GlobalTransaction;
import org.junit.jupiter.api.Test;

/** The inventory branch driven by the real coordinator: Try over HTTP, Confirm/Cancel from the TC. */
class StockReservationTccTest extends InventoryComponentTest {

    @Test
    void globalCommitConfirmsASaleAndSellsTheUnits() throws Exception {
        String sku = skuWith(10);
        String orderNo = unique("O");
        double reservedBefore = reservationsCounted("reserved");
        GlobalTransaction tx = beginGlobal("sale");

        HttpResponse<String> tried = reserve(tx.getXid(), orderNo, "SALE", new Line(sku, 3));

        assertThat(tried.statusCode()).as(tried.body()).isEqualTo(200);
        assertThat(json(tried).path("status").asText()).isEqualTo("TRYING");
        assertThat(lineSummary(json(tried))).isEqualTo(sku + "x3");
        assertThat(json(tried).path("unitPrices").path(sku).asText())
                .as("the Try answers the price the order is placed at").isEqualTo("9.99");
        assertThat(figures(sku)).isEqualTo(new Figures(10, 3, 0));
        assertThat(fenceStatuses(tx.getXid())).containsExactly(1);

        tx.commit();

        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> {
            assertThat(fenceStatuses(tx.getXid())).containsExactly(2);
            assertThat(figures(sku)).isEqualTo(new Figures(7, 0, 3));
            assertThat(reservationStatuses(orderNo)).containsExactly("SOLD");
        });
        assertThat(json(reservation(orderNo)).path("status").asText()).isEqualTo("SOLD");
        assertThat(reservationsCounted("reserved")).isEqualTo(reservedBefore + 1);
    }

    @Test
    void globalCommitConfirmsAHoldAndKeepsTheUnitsReserved() throws Exception {
        String sku = skuWith(10);
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("hold");
        assertThat(reserve(tx.getXid(), orderNo, "HOLD", new Line(sku, 4)).statusCode()).isEqualTo(200);

        tx.commit();

        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> {
            assertThat(fenceStatuses(tx.getXid())).containsExactly(2);
            assertThat(reservationStatuses(orderNo)).containsExactly("HELD");
        });
        assertThat(figures(sku)).isEqualTo(new Figures(10, 4, 0));
    }

    @Test
    void globalRollbackCancelsAndGivesEveryLineBack() throws Exception {
        String a = skuWith(10);
        String b = skuWith(6);
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("rollback");
        assertThat(reserve(tx.getXid(), orderNo, "SALE", new Line(a, 2), new Line(b, 6)).statusCode()).isEqualTo(200);
        assertThat(figures(b)).isEqualTo(new Figures(6, 6, 0));

        tx.rollback();

        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> {
            assertThat(fenceStatuses(tx.getXid())).containsExactly(3);
            assertThat(reservationStatuses(orderNo)).containsExactly("CANCELLED", "CANCELLED");
        });
        assertThat(figures(a)).isEqualTo(new Figures(10, 0, 0));
        assertThat(figures(b)).isEqualTo(new Figures(6, 0, 0));
    }

    @Test
    void outOfStockOnOneLineReservesNothingOnAnyLine() throws Exception {
        // lines are reserved in skuId order: the line that fits (-A) is reserved first, then undone
        String base = unique("SKU");
        String plenty = skuNamed(base + "-A", 5);
        String scarce = skuNamed(base + "-B", 1);
        String orderNo = unique("O");
        double outOfStockBefore = reservationsCounted("out_of_stock");
        GlobalTransaction tx = beginGlobal("short");

        HttpResponse<String> refused = reserve(tx.getXid(), orderNo, "SALE", new Line(scarce, 3), new Line(plenty, 2));

        JsonNode problem = assertProblem(refused, 409, "out-of-stock");
        assertThat(problem.path("skuId").asText()).isEqualTo(scarce);
        assertThat(figures(plenty)).isEqualTo(new Figures(5, 0, 0));
        assertThat(figures(scarce)).isEqualTo(new Figures(1, 0, 0));
        assertThat(reservationStatuses(orderNo)).isEmpty();
        assertThat(fenceStatuses(tx.getXid())).as("the Try's fence row rolled back with it").isEmpty();
        assertProblem(reservation(orderNo), 404, "not-found");
        assertThat(reservationsCounted("out_of_stock")).isEqualTo(outOfStockBefore + 1);

        tx.rollback();

        // the TC's Cancel finds no Try: an empty rollback, recorded as SUSPENDED
        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> assertThat(fenceStatuses(tx.getXid())).containsExactly(4));
        assertThat(figures(plenty)).isEqualTo(new Figures(5, 0, 0));
        assertThat(figures(scarce)).isEqualTo(new Figures(1, 0, 0));
    }

    @Test
    void unknownSkuIsNotFoundAndReservesNothing() throws Exception {
        String sku = skuWith(5);
        String orderNo = unique("O");
        String unknownA = "NO-SUCH-SKU-A" + orderNo.substring(2);
        String unknownB = "NO-SUCH-SKU-B" + orderNo.substring(2);
        GlobalTransaction tx = beginGlobal("unknown");

        // the known line is short too: the unknown SKUs are what the order gets told, all of them
        HttpResponse<String> refused = reserve(tx.getXid(), orderNo, "SALE", new Line(sku, 6), new Line(unknownB, 1),
                new Line(unknownA, 1));

        JsonNode problem = assertProblem(refused, 404, "not-found");
        assertThat(problem.path("skuIds")).extracting(JsonNode::asText).containsExactly(unknownA, unknownB);
        tx.rollback();
        assertThat(figures(sku)).isEqualTo(new Figures(5, 0, 0));
        assertThat(reservationStatuses(orderNo)).isEmpty();
    }

    @Test
    void tryOutsideAGlobalTransactionIsRefused() throws Exception {
        String sku = skuWith(5);
        String orderNo = unique("O");

        HttpResponse<String> refused = reserve(null, orderNo, "SALE", new Line(sku, 1));

        assertProblem(refused, 400, "validation-failed");
        assertThat(figures(sku)).isEqualTo(new Figures(5, 0, 0));
        assertThat(reservationStatuses(orderNo)).isEmpty();
    }

    @Test
    void invalidReservationRequestsAreRefusedBeforeAnyBranchIsRegistered() throws Exception {
        String sku = skuWith(5);
        GlobalTransaction tx = beginGlobal("invalid");
        try {
            assertProblem(reserve(tx.getXid(), unique("O"), "SALE", new Line(sku, 0)), 400, "validation-failed");
            assertProblem(reserve(tx.getXid(), unique("O"), "SALE"), 400, "validation-failed");
            assertProblem(reserve(tx.getXid(), unique("O"), "SALE", new Line(sku, 1), new Line(sku, 2)), 400,
                    "validation-failed");
            assertProblem(send("POST", "/internal/stock-reservations", "{\"orderNo\":", internal(tx.getXid())), 400,
                    "validation-failed");
        } finally {
            tx.rollback();
        }
        assertThat(figures(sku)).isEqualTo(new Figures(5, 0, 0));
    }

    @Test
    void payingAHoldSellsItOnGlobalCommit() throws Exception {
        String sku = skuWith(10);
        String orderNo = heldOrder(sku, 3);
        GlobalTransaction payment = beginGlobal("pay");

        HttpResponse<String> selling = sellHeld(payment.getXid(), orderNo);

        assertThat(selling.statusCode()).as(selling.body()).isEqualTo(200);
        assertThat(json(selling).path("status").asText()).isEqualTo("SELLING");
        assertThat(figures(sku)).isEqualTo(new Figures(10, 3, 0));
        payment.commit();
        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> {
            assertThat(fenceStatuses(payment.getXid())).containsExactly(2);
            assertThat(reservationStatuses(orderNo)).containsExactly("SOLD");
        });
        assertThat(figures(sku)).isEqualTo(new Figures(7, 0, 3));
    }

    @Test
    void aRolledBackPaymentHoldsTheStockAgainAndItCanThenBeReleasedOnce() throws Exception {
        String sku = skuWith(10);
        String orderNo = heldOrder(sku, 3);
        GlobalTransaction payment = beginGlobal("pay-fails");
        assertThat(sellHeld(payment.getXid(), orderNo).statusCode()).isEqualTo(200);

        payment.rollback();

        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> {
            assertThat(fenceStatuses(payment.getXid())).containsExactly(3);
            assertThat(reservationStatuses(orderNo)).containsExactly("HELD");
        });
        assertThat(figures(sku)).isEqualTo(new Figures(10, 3, 0));

        HttpResponse<String> released = release(orderNo);
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(json(released).path("status").asText()).isEqualTo("RELEASED");
        assertThat(figures(sku)).isEqualTo(new Figures(10, 0, 0));

        HttpResponse<String> again = release(orderNo);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("status").asText()).isEqualTo("RELEASED");
        assertThat(figures(sku)).isEqualTo(new Figures(10, 0, 0));
    }

    @Test
    void releaseNeverTakesBackAHoldWhosePaymentIsInFlight() throws Exception {
        String sku = skuWith(10);
        String orderNo = heldOrder(sku, 2);
        GlobalTransaction payment = beginGlobal("pay-vs-release");
        assertThat(sellHeld(payment.getXid(), orderNo).statusCode()).isEqualTo(200);

        HttpResponse<String> released = release(orderNo);

        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(json(released).path("status").asText()).isEqualTo("SELLING");
        assertThat(figures(sku)).isEqualTo(new Figures(10, 2, 0));
        payment.commit();
        await().atMost(PHASE_TWO_WAIT).untilAsserted(
                () -> assertThat(reservationStatuses(orderNo)).containsExactly("SOLD"));
        assertThat(figures(sku)).isEqualTo(new Figures(8, 0, 2));
        // and once sold, a release is still a no-op
        assertThat(json(release(orderNo)).path("status").asText()).isEqualTo("SOLD");
        assertThat(figures(sku)).isEqualTo(new Figures(8, 0, 2));
    }

    @Test
    void anOrderWithoutAHoldIsNotPayable() throws Exception {
        String sku = skuWith(10);
        String paidOrder = unique("O");
        GlobalTransaction placement = beginGlobal("pay-now");
        assertThat(reserve(placement.getXid(), paidOrder, "SALE", new Line(sku, 1)).statusCode()).isEqualTo(200);
        placement.commit();
        await().atMost(PHASE_TWO_WAIT).untilAsserted(
                () -> assertThat(reservationStatuses(paidOrder)).containsExactly("SOLD"));

        GlobalTransaction payment = beginGlobal("pay-again");
        try {
            assertProblem(sellHeld(payment.getXid(), paidOrder), 409, "order-not-payable");
            assertProblem(sellHeld(payment.getXid(), unique("O")), 409, "order-not-payable");
        } finally {
            payment.rollback();
        }
        assertThat(reservationStatuses(paidOrder)).containsExactly("SOLD");
        assertThat(figures(sku)).isEqualTo(new Figures(9, 0, 1));
        assertProblem(release(unique("O")), 404, "not-found");
    }

    @Test
    void internalSkuQueryLeavesUnknownIdsOut() throws Exception {
        String sku = skuWith(4);
        HttpResponse<String> found = send("GET", "/internal/skus?ids=" + sku + ",NOPE-" + sku, null, internal(null));

        assertThat(found.statusCode()).isEqualTo(200);
        JsonNode list = json(found);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("skuId").asText()).isEqualTo(sku);
        assertThat(list.get(0).path("price").asText()).isEqualTo("9.99");
        assertThat(list.get(0).path("available").asLong()).isEqualTo(4);
        assertProblem(send("GET", "/internal/skus?ids=" + sku, null, Map.of()), 401, "unauthorized");
    }

    @Test
    void reservationOutcomesAndPhaseTwoStepsAreExposedToPrometheus() throws Exception {
        String sku = skuWith(1);
        GlobalTransaction tx = beginGlobal("metrics");
        assertProblem(reserve(tx.getXid(), unique("O"), "SALE", new Line(sku, 2)), 409, "out-of-stock");
        tx.rollback();

        HttpResponse<String> scrape = send("GET", "/actuator/prometheus", null, Map.of());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("orderpay_stock_reservations_total{application=\"inventory-service\",outcome=\"out_of_stock\"}")
                .contains("orderpay_stock_reservations_total{application=\"inventory-service\",outcome=\"reserved\"}")
                .contains("orderpay_stock_tcc_phase_two_total{action=\"reserve\"");
        // low-cardinality tags only: never an order number or an XID
        assertThat(scrape.body().lines().filter(line -> line.startsWith("orderpay_stock")))
                .isNotEmpty()
                .allMatch(line -> line.matches(
                        "orderpay_stock_\\w+\\{((action|application|outcome|phase)=\"[a-z_-]+\",?)+} \\S+"));
    }

    private String heldOrder(String sku, int quantity) throws Exception {
        String orderNo = unique("O");
        GlobalTransaction placement = beginGlobal("place-hold");
        assertThat(reserve(placement.getXid(), orderNo, "HOLD", new Line(sku, quantity)).statusCode()).isEqualTo(200);
        placement.commit();
        await().atMost(PHASE_TWO_WAIT).untilAsserted(
                () -> assertThat(reservationStatuses(orderNo)).isEqualTo(List.of("HELD")));
        return orderNo;
    }

    private double reservationsCounted(String outcome) {
        Counter counter = meters.find(StockMetrics.RESERVATIONS).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
