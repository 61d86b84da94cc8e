package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import com.orderpay.devstack.SharedInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Orders placed with pay-later, in the shared context (payment timeout {@value #PAYMENT_TIMEOUT}, so nothing expires
 * here): paying, cancelling, the refusals, and payment against cancellation.
 */
class PayingLaterTest extends OrderServiceComponentTest {

    private String placeUnpaid(String user, String sku, int quantity) {
        Reply placed = place(user, sku, quantity, false);
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        assertThat(placed.body().path("status").asText()).isEqualTo("AWAITING_PAYMENT");
        return placed.body().path("orderNo").asText();
    }

    private String paymentXidOf(String orderNo) {
        return orderDb.queryForObject("SELECT payment_xid FROM customer_order WHERE order_no = ?", String.class, orderNo);
    }

    @Test
    void payingLaterSellsTheHoldDebitsTheWalletOnceAndIsPaid() {
        String sku = skuWith(10, "5.00");
        String user = userWith("20.00");
        String orderNo = placeUnpaid(user, sku, 2);
        assertThat(deadlineState(orderDb, orderNo)).isEqualTo("PENDING");

        Reply paid = pay(user, orderNo);

        assertThat(paid.status()).as(paid.raw()).isEqualTo(200);
        assertThat(paid.body().path("status").asText()).isEqualTo("PAID");
        assertThat(paid.body().path("orderNo").asText()).isEqualTo(orderNo);
        assertThat(paid.body().path("total").asText()).isEqualTo("10.00");
        assertThat(stock(sku)).isEqualTo(new Stock(8, 0, 8, 2));
        assertThat(reservationStatus(orderNo)).isEqualTo("SOLD");
        assertThat(wallet(user)).isEqualTo(wallet("10.00", "0.00"));
        assertThat(ledger(user)).extracting(LedgerEntry::type).containsExactly("CREDIT", "FREEZE", "DEBIT");
        assertThat(ledger(user).get(2)).isEqualTo(new LedgerEntry("DEBIT", new BigDecimal("10.00"), orderNo));
        assertThat(getOrder(user, orderNo).body().path("status").asText()).isEqualTo("PAID");
        // Nothing left for the expiry layers: the deadline was closed with the payment's Confirm.
        assertThat(deadlineState(orderDb, orderNo)).isEqualTo("DONE");
        // One global transaction, the order's own branch first, each branch confirmed under the payment's XID.
        assertThat(fenceStatusesByDatabase(paymentXidOf(orderNo))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "order_db", List.of(2), "inventory_db", List.of(2), "wallet_db", List.of(2)));
    }

    @Test
    void cancellingReleasesTheHoldAndLeavesTheWalletAlone() {
        String sku = skuWith(10, "5.00");
        String user = userWith("20.00");
        String orderNo = placeUnpaid(user, sku, 3);
        assertThat(stock(sku)).isEqualTo(new Stock(10, 3, 7, 0));

        Reply cancelled = cancel(user, orderNo);

        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(stock(sku)).isEqualTo(new Stock(10, 0, 10, 0));
        assertThat(reservationStatus(orderNo)).isEqualTo("RELEASED");
        assertThat(deadlineState(orderDb, orderNo)).isEqualTo("DONE");
        assertThat(wallet(user)).isEqualTo(wallet("20.00", "0.00"));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT");
    }

    @Test
    void aCancellationRepeatedWithItsKeyAnswersTheFirstResponseWithoutOneAnswers409() {
        String sku = skuWith(10, "5.00");
        String user = userWith("20.00");
        String orderNo = placeUnpaid(user, sku, 1);
        String key = key();

        Reply first = cancelAt(orderUrl(""), user, orderNo, key);
        Reply replay = cancelAt(orderUrl(""), user, orderNo, key);
        Reply keyless = cancel(user, orderNo);

        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.raw()).isEqualTo(first.raw());
        assertThat(keyless.status()).isEqualTo(409);
        assertThat(keyless.problemCode()).isEqualTo("order-not-payable");
        assertThat(stock(sku)).isEqualTo(new Stock(10, 0, 10, 0));
    }

    @Test
    void payingACancelledOrderIs409AndMovesNothing() {
        String sku = skuWith(10, "5.00");
        String user = userWith("20.00");
        String orderNo = placeUnpaid(user, sku, 1);
        assertThat(cancel(user, orderNo).status()).isEqualTo(200);

        Reply payment = pay(user, orderNo);
        Reply secondCancellation = cancel(user, orderNo);

        assertThat(payment.status()).as(payment.raw()).isEqualTo(409);
        assertThat(payment.contentType()).startsWith("application/problem+json");
        assertThat(payment.problemCode()).isEqualTo("order-not-payable");
        assertThat(secondCancellation.status()).isEqualTo(409);
        assertThat(secondCancellation.problemCode()).isEqualTo("order-not-payable");
        assertThat(getOrder(user, orderNo).body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(stock(sku)).isEqualTo(new Stock(10, 0, 10, 0));
        assertThat(wallet(user)).isEqualTo(wallet("20.00", "0.00"));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT");
    }

    @Test
    void cancellingOrPayingAgainAPaidOrderIs409() {
        String sku = skuWith(10, "5.00");
        String user = userWith("20.00");
        String paidLater = placeUnpaid(user, sku, 1);
        assertThat(pay(user, paidLater).status()).isEqualTo(200);
        String paidNow = place(user, sku, 1, true).body().path("orderNo").asText();

        for (String orderNo : List.of(paidLater, paidNow)) {
            Reply cancellation = cancel(user, orderNo);
            Reply payment = pay(user, orderNo);
            assertThat(cancellation.status()).as(cancellation.raw()).isEqualTo(409);
            assertThat(cancellation.problemCode()).isEqualTo("order-not-payable");
            assertThat(payment.status()).as(payment.raw()).isEqualTo(409);
            assertThat(payment.problemCode()).isEqualTo("order-not-payable");
            assertThat(getOrder(user, orderNo).body().path("status").asText()).isEqualTo("PAID");
        }
        assertThat(stock(sku)).isEqualTo(new Stock(8, 0, 8, 2));
        assertThat(wallet(user)).isEqualTo(wallet("10.00", "0.00"));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT", "FREEZE", "DEBIT", "FREEZE", "DEBIT");
    }

    @Test
    void insufficientBalanceIs409AndTheOrderStaysAwaitingPaymentWithItsHold() {
        String sku = skuWith(10, "6.00");
        String user = userWith("5.00");
        String orderNo = placeUnpaid(user, sku, 2);

        Reply refused = pay(user, orderNo);

        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.problemCode()).isEqualTo("insufficient-balance");
        // Every branch rolled back: the order awaits payment again, its stock is held again, no money moved.
        assertThat(getOrder(user, orderNo).body().path("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(reservationStatus(orderNo)).isEqualTo("HELD");
        assertThat(stock(sku)).isEqualTo(new Stock(10, 2, 8, 0));
        assertThat(deadlineState(orderDb, orderNo)).isEqualTo("PENDING");
        assertThat(wallet(user)).isEqualTo(wallet("5.00", "0.00"));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT");
        assertThat(fenceStatusesByDatabase(paymentXidOf(orderNo)).get("order_db")).containsExactly(3);

        // Still payable: topped up, the next attempt goes through.
        credit(user, "10.00");
        Reply paid = pay(user, orderNo);

        assertThat(paid.status()).as(paid.raw()).isEqualTo(200);
        assertThat(paid.body().path("status").asText()).isEqualTo("PAID");
        assertThat(stock(sku)).isEqualTo(new Stock(8, 0, 8, 2));
        assertThat(wallet(user)).isEqualTo(wallet("3.00", "0.00"));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT", "CREDIT", "FREEZE", "DEBIT");
    }

    @Test
    void aPaymentReplayedWithItsKeyAnswersTheFirstResponseAndDebitsOnce() {
        String sku = skuWith(10, "4.00");
        String user = userWith("20.00");
        String orderNo = placeUnpaid(user, sku, 1);
        String other = placeUnpaid(user, sku, 1);
        String key = key();

        Reply first = pay(user, orderNo, key);
        Reply replay = pay(user, orderNo, key);
        Reply reuse = pay(user, other, key);

        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.raw()).isEqualTo(first.raw());
        assertThat(reuse.status()).as(reuse.raw()).isEqualTo(422);
        assertThat(reuse.problemCode()).isEqualTo("idempotency-key-reuse");
        assertThat(getOrder(user, other).body().path("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(wallet(user)).isEqualTo(wallet("16.00", "0.00"));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT", "FREEZE", "DEBIT");
        assertThat(stock(sku)).isEqualTo(new Stock(9, 1, 8, 1));
    }

    @Test
    void someoneElsesOrderCanBeNeitherPaidNorCancelled() {
        String sku = skuWith(10, "4.00");
        String alice = userWith("20.00");
        String mallory = userWith("20.00");
        String orderNo = placeUnpaid(alice, sku, 1);

        Reply payment = pay(mallory, orderNo);
        Reply cancellation = cancel(mallory, orderNo);
        Reply unknown = pay(alice, "O0000000000NOSUCHORDER0000");

        assertThat(payment.status()).as(payment.raw()).isEqualTo(404);
        assertThat(payment.problemCode()).isEqualTo("not-found");
        assertThat(cancellation.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(getOrder(alice, orderNo).body().path("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(wallet(mallory)).isEqualTo(wallet("20.00", "0.00"));
        assertThat(stock(sku)).isEqualTo(new Stock(10, 1, 9, 0));
    }

    @Test
    void aPaymentWithoutIdempotencyKeyIs400AndChangesNothing() {
        String sku = skuWith(10, "4.00");
        String user = userWith("20.00");
        String orderNo = placeUnpaid(user, sku, 1);

        Reply reply = send("POST", orderUrl("/api/orders/" + orderNo + "/payment"), user, "USER", Map.of(), null);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.problemCode()).isEqualTo("validation-failed");
        assertThat(getOrder(user, orderNo).body().path("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(wallet(user)).isEqualTo(wallet("20.00", "0.00"));
    }

    @Test
    void aPaymentOrCancellationWithABodyIs400AndChangesNothingButAnEmptyObjectIsNoBody() throws Exception {
        String sku = skuWith(10, "4.00");
        String user = userWith("20.00");
        String orderNo = placeUnpaid(user, sku, 1);
        String payment = orderUrl("/api/orders/" + orderNo + "/payment");
        String key = key();

        // A caller who believes it pays part of the order, or cancels with a reason, is told it said nothing.
        Reply withAmount = send("POST", payment, user, "USER", Map.of("Idempotency-Key", key), "{\"amount\":\"1.00\"}");
        Reply withReason = send("POST", orderUrl("/api/orders/" + orderNo + "/cancellation"), user, "USER", Map.of(),
                "{\"reason\":\"changed my mind\"}");

        // The same said in a query parameter, or as a form's field: refused too, before anything is done.
        Reply amountInQuery = send("POST", payment + "?amount=0.01", user, "USER", Map.of("Idempotency-Key", key), null);
        assertThat(amountInQuery.status()).as(amountInQuery.raw()).isEqualTo(400);
        assertThat(amountInQuery.body().path("detail").asText())
                .isEqualTo("Parameter amount is not a parameter of this operation, which takes none");
        java.net.http.HttpResponse<String> multipart = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(payment))
                        .header("X-Internal-Token", SharedInfrastructure.INTERNAL_TOKEN).header("X-User-Id", user)
                        .header("X-User-Roles", "USER").header("Idempotency-Key", key)
                        .header("Content-Type", "multipart/form-data; boundary=b0undary")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("--b0undary\r\nContent-Disposition: "
                                + "form-data; name=\"amount\"\r\n\r\n0.01\r\n--b0undary--\r\n"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(multipart.statusCode()).as(multipart.body()).isEqualTo(400);
        // A malformed multipart body is the client's error too, on any route: never a 503 that asks for a retry.
        java.net.http.HttpResponse<String> brokenMultipart = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(orderUrl("/api/orders/" + orderNo)))
                        .header("X-Internal-Token", SharedInfrastructure.INTERNAL_TOKEN).header("X-User-Id", user)
                        .header("X-User-Roles", "USER").header("Content-Type", "multipart/form-data; boundary=zz")
                        .method("GET", java.net.http.HttpRequest.BodyPublishers.ofString("--zz\r\nbroken"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(brokenMultipart.statusCode()).as(brokenMultipart.body()).isEqualTo(200);

        for (Reply refused : List.of(withAmount, withReason)) {
            assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
            assertThat(refused.problemCode()).isEqualTo("validation-failed");
            assertThat(refused.body().path("detail").asText())
                    .isEqualTo("POST of this resource takes no request body, and this one would have been ignored; "
                            + "send none (or {})");
        }
        assertThat(getOrder(user, orderNo).body().path("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(wallet(user)).isEqualTo(wallet("20.00", "0.00"));
        assertThat(orderDb.queryForObject("SELECT COUNT(*) FROM idempotency_record WHERE scope = ? AND "
                + "idempotency_key = ?", Integer.class, user, key)).as("the key is still unused").isZero();

        // What many clients send by default (here after a UTF-8 byte order mark, which a JSON body may carry too):
        // taken as no body, and the key refused above now pays.
        Reply paid = send("POST", payment, user, "USER", Map.of("Idempotency-Key", key), "\uFEFF { } ");
        assertThat(paid.status()).as(paid.raw()).isEqualTo(200);
        assertThat(paid.body().path("status").asText()).isEqualTo("PAID");
    }

    /**
     * A payment and a cancellation of one order meet at the order's row: both are in flight and waiting on it at the
     * same moment (a lock the test holds lines them up, no sleeps), and whichever queued first gets it. Each side wins
     * in turn, so the test proves that each can, and that the loser is refused with nothing left behind.
     */
    @Test
    void paymentAndCancellationRacingHaveExactlyOneWinnerAndEitherCanWin() throws Exception {
        for (String first : List.of("payment", "cancellation", "payment", "cancellation")) {
            String sku = skuWith(1, "2.00");
            String user = userWith("10.00");
            String orderNo = placeUnpaid(user, sku, 1);

            Map<String, Reply> replies = raceAtTheOrderRow(orderNo, first, Map.of(
                    "payment", () -> pay(user, orderNo),
                    "cancellation", () -> cancel(user, orderNo)));

            Reply winner = replies.get(first);
            Reply loser = replies.get(first.equals("payment") ? "cancellation" : "payment");
            assertThat(winner.status()).as(first + " queued first: " + winner.raw()).isEqualTo(200);
            assertThat(loser.status()).as(loser.raw()).isEqualTo(409);
            assertThat(loser.problemCode()).isEqualTo("order-not-payable");
            String status = getOrder(user, orderNo).body().path("status").asText();
            if (first.equals("payment")) {
                assertThat(status).isEqualTo("PAID");
                assertThat(reservationStatus(orderNo)).isEqualTo("SOLD");
                assertThat(wallet(user)).isEqualTo(wallet("8.00", "0.00"));
                assertThat(ledgerTypes(user)).containsExactly("CREDIT", "FREEZE", "DEBIT");
                assertThat(stock(sku)).isEqualTo(new Stock(0, 0, 0, 1));
            } else {
                assertThat(status).isEqualTo("CANCELLED");
                await().atMost(Duration.ofSeconds(10)).until(() -> "RELEASED".equals(reservationStatus(orderNo)));
                assertThat(wallet(user)).isEqualTo(wallet("10.00", "0.00"));
                assertThat(ledgerTypes(user)).containsExactly("CREDIT");
                assertThat(stock(sku)).isEqualTo(new Stock(1, 0, 1, 0));
            }
        }
    }

    /**
     * Holds the order's row, sends {@code first}, waits until it waits on the row, sends the other, waits until both
     * wait, then lets go: InnoDB grants the row to the waiters in the order they came.
     */
    private Map<String, Reply> raceAtTheOrderRow(String orderNo, String first,
            Map<String, java.util.function.Supplier<Reply>> requests) throws Exception {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Map<String, CompletableFuture<Reply>> sent = new java.util.LinkedHashMap<>();
        try (Connection lock = DriverManager.getConnection(infrastructure.mariaDb().jdbcUrl("order_db"),
                infrastructure.mariaDb().username(), infrastructure.mariaDb().password())) {
            lock.setAutoCommit(false);
            try (PreparedStatement statement = lock.prepareStatement(
                    "SELECT status FROM customer_order WHERE order_no = ? FOR UPDATE")) {
                statement.setString(1, orderNo);
                statement.executeQuery().close();
            }
            String second = requests.keySet().stream().filter(name -> !name.equals(first)).findFirst().orElseThrow();
            sent.put(first, CompletableFuture.supplyAsync(requests.get(first), pool));
            await().atMost(Duration.ofSeconds(20)).until(() -> waitersOnOrderRows() == 1);
            sent.put(second, CompletableFuture.supplyAsync(requests.get(second), pool));
            await().atMost(Duration.ofSeconds(20)).until(() -> waitersOnOrderRows() == 2);
            lock.rollback();
        } finally {
            pool.shutdown();
        }
        Map<String, Reply> replies = new java.util.LinkedHashMap<>();
        sent.forEach((name, reply) -> replies.put(name, reply.join()));
        return replies;
    }

    private int waitersOnOrderRows() {
        return orderDb.queryForObject("SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT' "
                + "AND trx_query LIKE '%customer_order%'", Integer.class);
    }

    @Test
    void aCancellationWhileInventoryIsDownIsCancelledAndItsHoldReleasedOnceInventoryIsBack() {
        String sku = skuWith(10, "4.00");
        String user = userWith("20.00");
        String orderNo = placeUnpaid(user, sku, 4);
        Reply cancelled;
        try {
            neighbours().stop(neighbours().inventory());

            cancelled = cancel(user, orderNo);

            // The order's status is order-service's own: cancelled now; the hold is owed back.
            assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
            assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELLED");
            assertThat(deadlineState(orderDb, orderNo)).isEqualTo("RELEASING");
            assertThat(orderDb.queryForObject("SELECT release_attempts FROM payment_deadline WHERE order_no = ?",
                    Integer.class, orderNo)).isGreaterThanOrEqualTo(1);
        } finally {
            neighbours().restart(neighbours().inventory());
        }

        // The scan retries the release until inventory answers: nothing is left held.
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> "DONE".equals(deadlineState(orderDb, orderNo)));
        assertThat(reservationStatus(orderNo)).isEqualTo("RELEASED");
        assertThat(stock(sku)).isEqualTo(new Stock(10, 0, 10, 0));
        assertThat(getOrder(user, orderNo).body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(wallet(user)).isEqualTo(wallet("20.00", "0.00"));
    }

    @Test
    void unpaidOrderMetricsAreExposedForPrometheus() {
        String user = userWith("20.00");
        placeUnpaid(user, skuWith(5, "1.00"), 1);

        // The gauge is a count refreshed every scan interval, not a query per scrape.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String scrape = send("GET", orderUrl("/actuator/prometheus"), null, null, Map.of(), null).raw();
            return scrape.lines().anyMatch(line -> line.startsWith("orderpay_orders_awaiting_payment{")
                    && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= 1);
        });
        String scrape = send("GET", orderUrl("/actuator/prometheus"), null, null, Map.of(), null).raw();
        assertThat(scrape)
                .contains("orderpay_orders_expired_total{application=\"order-service\",layer=\"redis\"}")
                .contains("orderpay_orders_expired_total{application=\"order-service\",layer=\"db\"}")
                .contains("orderpay_orders_expired_total{application=\"order-service\",layer=\"timer\"}")
                .contains("orderpay_orders_expiry_lag_seconds_count{application=\"order-service\",layer=\"db\"}");
    }
}
