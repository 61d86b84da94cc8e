package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What operators read of orders: the search by user, status and age with the stuck ones marked, and an order's full
 * story, whose history has one row per status change that won its compare-and-set.
 */
class OrderAdminApiTest extends OrderServiceComponentTest {

    @Test
    void anOrdersStoryListsEveryStatusItTookWithItsTransactions() {
        String buyer = userWith("50.00");
        String sku = skuWith(10, "2.50");
        String paidLater = place(buyer, sku, 2, false).body().path("orderNo").asText();
        assertThat(pay(buyer, paidLater).status()).isEqualTo(200);
        String cancelled = place(buyer, sku, 1, false).body().path("orderNo").asText();
        assertThat(cancel(buyer, cancelled).status()).isEqualTo(200);
        // a payment that loses to the cancellation writes nothing to the story
        assertThat(pay(buyer, cancelled).status()).isEqualTo(409);

        JsonNode story = admin("/api/admin/orders/" + paidLater);
        assertThat(story.path("status").asText()).isEqualTo("PAID");
        assertThat(story.path("userId").asText()).isEqualTo(buyer);
        assertThat(story.path("payNow").asBoolean()).isFalse();
        assertThat(story.path("placedXid").asText()).isNotBlank();
        assertThat(story.path("paymentXid").asText()).isNotBlank().isNotEqualTo(story.path("placedXid").asText());
        assertThat(story.at("/deadline/state").asText()).isEqualTo("DONE");
        assertThat(story.path("stuck").asBoolean()).isFalse();
        assertThat(story.at("/items/0/skuId").asText()).isEqualTo(sku);
        assertThat(changes(story)).containsExactly("null>PLACING PLACEMENT_TRIED",
                "PLACING>AWAITING_PAYMENT PLACEMENT_CONFIRMED", "AWAITING_PAYMENT>PAYING PAYMENT_STARTED",
                "PAYING>PAID PAYMENT_CONFIRMED");
        JsonNode history = story.path("history");
        assertThat(history.get(0).path("xid").asText()).isEqualTo(story.path("placedXid").asText());
        assertThat(history.get(1).path("xid").asText()).isEqualTo(story.path("placedXid").asText());
        assertThat(history.get(2).path("xid").asText()).isEqualTo(story.path("paymentXid").asText());
        assertThat(history.get(3).path("xid").asText()).isEqualTo(story.path("paymentXid").asText());

        assertThat(changes(admin("/api/admin/orders/" + cancelled))).containsExactly("null>PLACING PLACEMENT_TRIED",
                "PLACING>AWAITING_PAYMENT PLACEMENT_CONFIRMED", "AWAITING_PAYMENT>CANCELLED CANCELLED_BY_BUYER");

        String rejected = place(buyer, sku, 100, true).body().path("orderNo").asText(null);
        assertThat(rejected).as("out of stock answers a problem, not an order").isNull();
        assertThat(send("GET", orderUrl("/api/admin/orders/" + unique("O")), "ops", "ADMIN,USER", Map.of(), null)
                .problemCode()).isEqualTo("not-found");
    }

    @Test
    void theSearchFindsOrdersByUserStatusAndAgeAndMarksAnOrderPastItsDeadlineAsStuck() {
        String buyer = userWith("50.00");
        String sku = skuWith(10, "1.00");
        String paid = place(buyer, sku, 1, true).body().path("orderNo").asText();
        String unpaid = place(buyer, sku, 1, false).body().path("orderNo").asText();
        // what no expiry layer did: the deadline passed and the order still awaits payment
        orderDb.update("UPDATE customer_order SET expires_at = ? WHERE order_no = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(600)), unpaid);

        JsonNode mine = admin("/api/admin/orders?userId=" + buyer);
        assertThat(numbers(mine)).containsExactly(unpaid, paid);
        assertThat(numbers(admin("/api/admin/orders?userId=" + buyer + "&status=PAID"))).containsExactly(paid);
        assertThat(numbers(admin("/api/admin/orders?userId=" + buyer + "&olderThan=PT1H"))).isEmpty();
        JsonNode stuck = admin("/api/admin/orders?userId=" + buyer + "&stuck=true");
        assertThat(numbers(stuck)).containsExactly(unpaid);
        assertThat(stuck.at("/orders/0/stuck").asBoolean()).isTrue();
        assertThat(stuck.at("/orders/0/stuckReason").asText()).contains("past its deadline");
        assertThat(admin("/api/admin/orders/" + unpaid).path("stuck").asBoolean()).isTrue();

        JsonNode firstPage = admin("/api/admin/orders?userId=" + buyer + "&limit=1");
        assertThat(numbers(firstPage)).containsExactly(unpaid);
        assertThat(numbers(admin("/api/admin/orders?userId=" + buyer + "&limit=1&cursor="
                + firstPage.path("nextCursor").asText()))).containsExactly(paid);

        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("status=LOST", "Parameter status must be one of");
        refusals.put("olderThan=yesterday", "Parameter olderThan must be an ISO-8601 duration");
        refusals.put("olderThan=P999999999999D", "Parameter olderThan ");
        refusals.put("limit=0", "Parameter limit must be 1-100");
        refusals.put("limit=101", "Parameter limit must be 1-100");
        refusals.put("cursor=nope", "Parameter cursor is not a cursor this API gave out");
        refusals.put("userId=a%20b", "Parameter userId must be 1-64 characters");
        // Not whichever value Spring would have picked, nor its "yes" for true.
        refusals.put("limit=1&limit=100", "Parameter limit is given more than once; give it once");
        refusals.put("stuck=yes", "Parameter stuck must be true or false");
        // Not the default as if the parameter had been left out.
        refusals.put("limit=", "Parameter limit is given without a value");
        refusals.put("cursor=", "Parameter cursor is given without a value");
        refusals.put("userId=&limit=5", "Parameter userId is given without a value");
        // Not a search for every order as if the misspelt filter had not been sent.
        refusals.put("stuk=true", "Parameter stuk is not a parameter of this operation; it takes [cursor, limit, "
                + "olderThan, status, stuck, userId]");
        refusals.forEach((bad, detail) -> {
            Reply reply = send("GET", orderUrl("/api/admin/orders?" + bad), "ops", "ADMIN,USER", Map.of(), null);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.body().path("detail").asText()).as(bad).startsWith(detail);
            assertThat(reply.body().at("/errors/0/field").asText()).as(bad).isEqualTo(bad.substring(0, bad.indexOf('=')));
        });
        assertThat(send("GET", orderUrl("/api/admin/orders"), buyer, "USER", Map.of(), null).status()).isEqualTo(403);

        // Past its deadline the order is the expiry's: a cancellation is refused as a payment is.
        Reply late = cancel(buyer, unpaid);
        assertThat(late.status()).as(late.raw()).isEqualTo(409);
        assertThat(late.body().path("detail").asText()).contains("passed its payment deadline");
        orderDb.update("UPDATE customer_order SET expires_at = ? WHERE order_no = ?",
                java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(600)), unpaid);
        assertThat(cancel(buyer, unpaid).status()).as("its stock back").isEqualTo(200);
    }

    private JsonNode admin(String path) {
        Reply reply = send("GET", orderUrl(path), "ops", "ADMIN,USER", Map.of(), null);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.body();
    }

    private static List<String> numbers(JsonNode page) {
        List<String> numbers = new ArrayList<>();
        page.path("orders").forEach(order -> numbers.add(order.path("orderNo").asText()));
        return numbers;
    }

    private static List<String> changes(JsonNode story) {
        List<String> changes = new ArrayList<>();
        story.path("history").forEach(change -> changes.add(change.path("from").asText("null") + ">"
                + change.path("to").asText() + " " + change.path("cause").asText()));
        return changes;
    }
}
