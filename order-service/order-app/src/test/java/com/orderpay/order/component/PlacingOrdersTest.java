package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpay.devstack.SharedInfrastructure;
import com.orderpay.order.placing.PlacementMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Placing an order over HTTP: the global transaction across order, inventory and wallet, and its refusals. */
class PlacingOrdersTest extends OrderServiceComponentTest {

    @Autowired
    MeterRegistry meters;

    private double placed(String outcome) {
        var counter = meters.find(PlacementMetrics.PLACED).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void paidOrderSellsTheStockDebitsTheWalletAndCarriesOneXidThroughEveryBranch() {
        String sku = skuWith(10, "12.50");
        String user = userWith("100.00");
        double paidBefore = placed("paid");

        Reply reply = place(user, sku, 3, true);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        JsonNode order = reply.body();
        String orderNo = order.path("orderNo").asText();
        assertThat(orderNo).matches("O[0-9A-HJKMNP-TV-Z]{24}");
        assertThat(order.path("status").asText()).isEqualTo("PAID");
        assertThat(order.path("userId").asText()).isEqualTo(user);
        assertThat(order.path("total").asText()).isEqualTo("37.50");
        assertThat(order.path("items")).hasSize(1);
        assertThat(order.path("items").get(0).path("skuId").asText()).isEqualTo(sku);
        assertThat(order.path("items").get(0).path("quantity").asInt()).isEqualTo(3);
        assertThat(order.path("items").get(0).path("unitPrice").asText()).isEqualTo("12.50");
        assertThat(order.path("createdAt").isTextual()).isTrue();
        assertThat(order.has("expiresAt")).isFalse();

        // Sold: the units left the shelf; nothing stays reserved.
        assertThat(stock(sku)).isEqualTo(new Stock(7, 0, 7, 3));
        // Debited: frozen by the Try, taken by the Confirm.
        assertThat(wallet(user)).isEqualTo(wallet("62.50", "0.00"));
        List<LedgerEntry> ledger = ledger(user);
        assertThat(ledger).extracting(LedgerEntry::type).containsExactly("CREDIT", "FREEZE", "DEBIT");
        assertThat(ledger.subList(1, 3)).allSatisfy(entry -> {
            assertThat(entry.amount()).isEqualTo(new BigDecimal("37.50"));
            assertThat(entry.orderNo()).isEqualTo(orderNo);
        });

        // One global transaction: the XID order-service began reached both siblings over Feign, and each of the
        // three branches was confirmed under it (fence status 2 = committed).
        String xid = placedXidOf(orderNo);
        assertThat(xid).isNotBlank();
        assertThat(fenceStatusesByDatabase(xid)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "order_db", List.of(2), "inventory_db", List.of(2), "wallet_db", List.of(2)));
        assertThat(placed("paid")).isEqualTo(paidBefore + 1);
    }

    @Test
    void outOfStockIs409AndMovesNothingAnywhere() {
        String plenty = skuWith(10, "1.00");
        String scarce = skuWith(1, "5.00");
        String user = userWith("100.00");
        double outOfStockBefore = placed("out_of_stock");

        Reply reply = place(user, key(), Map.of("items", List.of(Map.of("skuId", plenty, "quantity", 2),
                Map.of("skuId", scarce, "quantity", 2)), "payNow", true));

        assertThat(reply.status()).as(reply.raw()).isEqualTo(409);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.problemCode()).isEqualTo("out-of-stock");
        // inventory's figures reach the storefront: which SKU, how many asked, how many there are
        assertThat(reply.body().path("skuId").asText()).as(reply.raw()).isEqualTo(scarce);
        assertThat(reply.body().path("requested").asInt()).isEqualTo(2);
        assertThat(reply.body().path("available").asInt()).isEqualTo(1);
        assertThat(stock(plenty)).isEqualTo(new Stock(10, 0, 10, 0));
        assertThat(stock(scarce)).isEqualTo(new Stock(1, 0, 1, 0));
        assertThat(wallet(user)).isEqualTo(wallet("100.00", "0.00"));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT");
        assertThat(orderStatusesOf(user)).isSubsetOf("REJECTED");
        assertThat(placed("out_of_stock")).isEqualTo(outOfStockBefore + 1);
    }

    @Test
    void insufficientBalanceIs409AndTheCoordinatorCancelsTheStockReservation() {
        String sku = skuWith(10, "30.00");
        String user = userWith("50.00");

        Reply reply = place(user, sku, 2, true);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(409);
        assertThat(reply.problemCode()).isEqualTo("insufficient-balance");
        // The stock had been reserved by the inventory Try: the rollback gave it back.
        assertThat(stock(sku)).isEqualTo(new Stock(10, 0, 10, 0));
        JdbcTemplate inventoryDb = neighbours().readOnlyDatabaseOf(neighbours().inventory());
        Map<String, Object> reservation = inventoryDb.queryForMap(
                "SELECT status, try_xid FROM stock_reservation WHERE sku_id = ?", sku);
        assertThat(reservation.get("status")).isEqualTo("CANCELLED");
        assertThat(inventoryDb.queryForList("SELECT status FROM tcc_fence_log WHERE xid = ?", Integer.class,
                reservation.get("try_xid"))).containsExactly(3);
        assertThat(wallet(user)).isEqualTo(wallet("50.00", "0.00"));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT");
        assertThat(orderStatusesOf(user)).isSubsetOf("REJECTED");
    }

    @Test
    void payLaterHoldsTheStockUntilTheDeadlineAndLeavesTheWalletAlone() {
        String sku = skuWith(10, "4.00");
        String user = userWith("10.00");

        Reply reply = place(user, sku, 3, false);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        assertThat(reply.body().path("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(reply.body().path("total").asText()).isEqualTo("12.00");
        Instant createdAt = Instant.parse(reply.body().path("createdAt").asText());
        Instant expiresAt = Instant.parse(reply.body().path("expiresAt").asText());
        assertThat(Duration.between(createdAt, expiresAt)).isEqualTo(Duration.parse(PAYMENT_TIMEOUT));
        assertThat(stock(sku)).isEqualTo(new Stock(10, 3, 7, 0));
        assertThat(wallet(user)).isEqualTo(wallet("10.00", "0.00"));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT");
        String xid = placedXidOf(reply.body().path("orderNo").asText());
        assertThat(fenceStatusesByDatabase(xid)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "order_db", List.of(2), "inventory_db", List.of(2), "wallet_db", List.of()));
    }

    @Test
    void anUnknownSkuIs404AndNothingIsReserved() {
        String sku = skuWith(10, "1.00");
        String user = userWith("10.00");

        String unknown = unique("NOPE");

        // its known line is short as well: the answer names the unknown SKU (inventory's Try finds both)
        Reply reply = place(user, key(), Map.of("items", List.of(Map.of("skuId", sku, "quantity", 11),
                Map.of("skuId", unknown, "quantity", 1))));

        assertThat(reply.status()).as(reply.raw()).isEqualTo(404);
        assertThat(reply.problemCode()).isEqualTo("not-found");
        assertThat(reply.body().path("skuIds")).as(reply.raw()).extracting(JsonNode::asText).containsExactly(unknown);
        assertThat(stock(sku)).isEqualTo(new Stock(10, 0, 10, 0));
        assertThat(wallet(user)).isEqualTo(wallet("10.00", "0.00"));
        assertThat(orderStatusesOf(user)).isEmpty();
    }

    @Test
    void idsAreComparedExactly_aSkuInAnotherCaseIsUnknownAndAUserInAnotherCaseIsSomeoneElse() {
        String sku = skuWith(10, "1.00");
        String alice = userWith("10.00");
        Reply hers = place(alice, sku, 1, false);
        assertThat(hers.status()).as(hers.raw()).isEqualTo(201);
        String lowered = sku.toLowerCase(java.util.Locale.ROOT);

        // once a 500 any buyer could provoke (inventory reserved the SKU, then found no price for the id as sent)
        Reply wrongCase = place(alice, key(), orderOf(lowered, 1, false));

        assertThat(wrongCase.status()).as(wrongCase.raw()).isEqualTo(404);
        assertThat(wrongCase.body().path("skuIds")).extracting(JsonNode::asText).containsExactly(lowered);
        assertThat(stock(sku)).isEqualTo(new Stock(10, 1, 9, 0));

        String shouting = alice.toUpperCase(java.util.Locale.ROOT);
        assertThat(listOrders(shouting, "").body().path("orders")).as("another subject's orders").isEmpty();
        assertThat(getOrder(shouting, hers.body().path("orderNo").asText()).status()).isEqualTo(404);
    }

    @Test
    void anOrderWhoseTotalIsMoreThanMoneyCanBeIsA400AndNothingStaysReserved() {
        String sku = skuWith(10, "99999999999999999.99");
        String user = userWith("10.00");

        for (boolean payNow : List.of(false, true)) {
            Reply reply = place(user, sku, 2, payNow);

            assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
            assertThat(reply.problemCode()).isEqualTo("validation-failed");
            assertThat(reply.body().path("detail").asText()).startsWith("The order's total 199999999999999999.98 is more");
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(stock(sku)).as("the stock's Try rolled back").isEqualTo(new Stock(10, 0, 10, 0)));
        assertThat(wallet(user)).isEqualTo(wallet("10.00", "0.00"));
        assertThat(orderStatusesOf(user)).allMatch("REJECTED"::equals);
    }

    @Test
    void payNowLeftOutPaysAtOnceAndFalseHoldsTheStock() {
        // The default is the contract's (api.md); only an explicit null is refused (BadInputTest).
        String sku = skuWith(10, "1.00");
        String user = userWith("10.00");

        Reply leftOut = placeRaw(user, key(), "{\"items\":[{\"skuId\":\"" + sku + "\",\"quantity\":1}]}");
        Reply later = placeRaw(user, key(), "{\"items\":[{\"skuId\":\"" + sku + "\",\"quantity\":1}],\"payNow\":false}");

        assertThat(leftOut.status()).as(leftOut.raw()).isEqualTo(201);
        assertThat(leftOut.body().path("status").asText()).isEqualTo("PAID");
        assertThat(later.status()).as(later.raw()).isEqualTo(201);
        assertThat(later.body().path("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(wallet(user)).isEqualTo(wallet("9.00", "0.00"));
    }

    @Test
    void theCoordinatorLogsNothingPerTransaction() {
        // At INFO it logs each branch registration and phase two: under load its log grew by megabytes a minute and
        // each line cost it a stack walk (the caller's method is in its pattern). Every such line names the XID.
        String sku = skuWith(10, "1.00");
        String user = userWith("10.00");
        Reply first = place(user, sku, 1, true);
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        String xid = placedXidOf(first.body().path("orderNo").asText());
        // The coordinator logs asynchronously: a second transaction later, the first one's lines would be out.
        assertThat(place(user, sku, 1, true).status()).isEqualTo(201);

        assertThat(SharedInfrastructure.get().coordinator().process().tail(20_000)).doesNotContain(xid);
    }
}
