package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading orders: one's own only, newest first, in pages. */
class OrderQueriesTest extends OrderServiceComponentTest {

    @Test
    void someoneElsesOrderIsNotFoundButTheOwnerAndInternalCallersSeeIt() {
        String sku = skuWith(10, "1.00");
        String alice = userWith("10.00");
        String bob = userWith("10.00");
        Reply placed = place(alice, sku, 1, true);
        String orderNo = placed.body().path("orderNo").asText();

        Reply asBob = getOrder(bob, orderNo);
        Reply asAlice = getOrder(alice, orderNo);
        Reply internal = send("GET", orderUrl("/internal/orders/" + orderNo), null, null, Map.of(), null);

        assertThat(asBob.status()).isEqualTo(404);
        assertThat(asBob.problemCode()).isEqualTo("not-found");
        // Indistinguishable from an order that does not exist.
        Reply unknown = getOrder(bob, "O0000000000NOSUCHORDER0000");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("detail").asText().replace("O0000000000NOSUCHORDER0000", "X"))
                .isEqualTo(asBob.body().path("detail").asText().replace(orderNo, "X"));
        assertThat(asAlice.status()).isEqualTo(200);
        assertThat(asAlice.body()).isEqualTo(placed.body());
        assertThat(internal.status()).isEqualTo(200);
        assertThat(internal.body()).isEqualTo(placed.body());
        assertThat(listOrders(bob, "").body().path("orders")).isEmpty();
    }

    @Test
    void ownOrdersAreListedNewestFirstPageByPage() {
        String sku = skuWith(100, "1.00");
        String user = userWith("100.00");
        String other = userWith("100.00");
        List<String> placed = new ArrayList<>();
        for (boolean payNow : new boolean[] {true, false, true, false, true}) {
            Reply reply = place(user, sku, 1, payNow);
            assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
            placed.add(0, reply.body().path("orderNo").asText());
        }
        place(other, sku, 1, true);

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = listOrders(user, "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            assertThat(page.body().path("orders").size()).isLessThanOrEqualTo(2);
            page.body().path("orders").forEach(order -> {
                assertThat(order.path("userId").asText()).isEqualTo(user);
                listed.add(order.path("orderNo").asText());
            });
            JsonNode next = page.body().path("nextCursor");
            cursor = next.isTextual() ? next.asText() : null;
            pages++;
        } while (cursor != null);

        assertThat(listed).containsExactlyElementsOf(placed);
        assertThat(pages).isEqualTo(3);
        Reply firstPageDefault = listOrders(user, "");
        assertThat(firstPageDefault.body().path("orders")).hasSize(5);
        Reply awaiting = listOrders(user, "?status=AWAITING_PAYMENT");
        assertThat(awaiting.body().path("orders")).hasSize(2)
                .allSatisfy(order -> assertThat(order.path("status").asText()).isEqualTo("AWAITING_PAYMENT"));
        assertThat(awaiting.body().path("orders").get(0).path("orderNo").asText()).isEqualTo(placed.get(1));
    }

    @Test
    void badListingParametersAre400() {
        String user = userWith("1.00");

        for (String query : List.of("?status=SHIPPED", "?limit=0", "?limit=101", "?limit=ten", "?cursor=%21%21",
                "?cursor=bm90LWEtY3Vyc29y")) {
            Reply reply = listOrders(user, query);
            assertThat(reply.status()).as("%s: %s", query, reply.raw()).isEqualTo(400);
            assertThat(reply.problemCode()).as(query).isEqualTo("validation-failed");
        }
        assertThat(listOrders(user, "?limit=100").status()).isEqualTo(200);
    }
}
