package com.orderpay.order.domain;

import static com.orderpay.order.domain.OrderMother.PLACED_AT;
import static com.orderpay.order.domain.OrderMother.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    @Test
    void placedOrderIsPlacingWithItsTotalExactToTheCent() {
        Order order = OrderMother.placing(true);

        assertThat(order.status()).isEqualTo(OrderStatus.PLACING);
        assertThat(order.total()).isEqualTo(new BigDecimal("25.99"));
        assertThat(order.expiresAt()).isNull();
        assertThat(order.createdAt()).isEqualTo(PLACED_AT);
    }

    @Test
    void totalsDoNotDriftLikeFloatingPointWould() {
        // 0.10 x 3 is 0.30000000000000004 in double arithmetic.
        Order order = Order.place("O-1", "bob", List.of(item("A", 3, "0.10"), item("B", 1000, "0.01")), true, PLACED_AT);

        assertThat(order.total()).isEqualTo(new BigDecimal("10.30"));
        assertThat(order.total().scale()).isEqualTo(2);
    }

    @Test
    void totalOfManyLinesIsTheExactSum() {
        List<OrderItem> items = IntStream.rangeClosed(1, 50).mapToObj(i -> item("SKU-" + i, 1000, "99999.99")).toList();

        assertThat(Order.totalOf(items)).isEqualTo(new BigDecimal("4999999500.00"));
    }

    @Test
    void creationTimeKeepsMillisecondsOnlyLikeTheDatabase() {
        Order order = Order.place("O-1", "bob", List.of(item("A", 1, "1.00")), true,
                Instant.parse("2026-11-24T10:00:00.123456789Z"));

        assertThat(order.createdAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00.123Z"));
    }

    @Test
    void anOrderNeedsOneToFiftyDistinctSkus() {
        assertThatThrownBy(() -> Order.place("O-1", "bob", List.of(), true, PLACED_AT))
                .isInstanceOf(IllegalArgumentException.class);
        List<OrderItem> fiftyOne = IntStream.rangeClosed(1, 51).mapToObj(i -> item("SKU-" + i, 1, "1.00")).toList();
        assertThatThrownBy(() -> Order.place("O-1", "bob", fiftyOne, true, PLACED_AT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Order.place("O-1", "bob", List.of(item("A", 1, "1.00"), item("A", 2, "1.00")), true,
                PLACED_AT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A");
    }

    @Test
    void anItemNeedsAQuantityOfOneToAThousandAndAPositivePriceInCents() {
        assertThatThrownBy(() -> item("A", 0, "1.00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> item("A", 1001, "1.00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> item("A", 1, "0.00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> item("A", 1, "1.005")).isInstanceOf(ArithmeticException.class);
        assertThat(item("A", 1, "1.5").unitPrice()).isEqualTo(new BigDecimal("1.50"));
    }

    @Test
    void confirmedPayNowPlacementIsPaidWithoutDeadline() {
        Order order = OrderMother.placing(true);

        order.confirmPlacement(PLACED_AT.plusSeconds(1), TIMEOUT);

        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.expiresAt()).isNull();
        assertThat(order.isPlacementSettled()).isTrue();
        assertThat(order.updatedAt()).isEqualTo(PLACED_AT.plusSeconds(1));
    }

    @Test
    void confirmedPayLaterPlacementAwaitsPaymentUntilCreationPlusTimeout() {
        Order order = OrderMother.placing(false);

        order.confirmPlacement(PLACED_AT.plusSeconds(3), TIMEOUT);

        assertThat(order.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(order.expiresAt()).isEqualTo(PLACED_AT.plus(TIMEOUT));
    }

    @Test
    void cancelledPlacementIsRejectedAndFinal() {
        Order order = OrderMother.placing(true);

        order.rejectPlacement(PLACED_AT.plusSeconds(1));

        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.status().isFinal()).isTrue();
        assertThatThrownBy(() -> order.confirmPlacement(PLACED_AT, TIMEOUT))
                .isInstanceOf(IllegalOrderTransitionException.class);
    }

    @Test
    void placementIsSettledOnlyOnce() {
        Order paid = OrderMother.placing(true);
        paid.confirmPlacement(PLACED_AT, TIMEOUT);

        assertThatThrownBy(() -> paid.confirmPlacement(PLACED_AT, TIMEOUT))
                .isInstanceOf(IllegalOrderTransitionException.class);
        assertThatThrownBy(() -> paid.rejectPlacement(PLACED_AT))
                .isInstanceOf(IllegalOrderTransitionException.class)
                .satisfies(e -> {
                    IllegalOrderTransitionException refused = (IllegalOrderTransitionException) e;
                    assertThat(refused.from()).isEqualTo(OrderStatus.PAID);
                    assertThat(refused.to()).isEqualTo(OrderStatus.REJECTED);
                });
    }

    @Test
    void payingLaterGoesThroughPayingToPaid() {
        Order order = OrderMother.awaitingPayment(TIMEOUT);

        order.startPayment(PLACED_AT.plusSeconds(60));
        assertThat(order.status()).isEqualTo(OrderStatus.PAYING);
        assertThat(order.status().isTransient()).isTrue();
        order.confirmPayment(PLACED_AT.plusSeconds(61));

        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void aFailedPaymentLeavesTheOrderPayable() {
        Order order = OrderMother.awaitingPayment(TIMEOUT);
        order.startPayment(PLACED_AT.plusSeconds(60));

        order.abortPayment(PLACED_AT.plusSeconds(61));

        assertThat(order.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        order.startPayment(PLACED_AT.plusSeconds(62));
        assertThat(order.status()).isEqualTo(OrderStatus.PAYING);
    }

    @Test
    void anOrderPastItsDeadlineCannotBePaidButExpires() {
        Order order = OrderMother.awaitingPayment(TIMEOUT);
        Instant deadline = PLACED_AT.plus(TIMEOUT);

        assertThatThrownBy(() -> order.startPayment(deadline)).isInstanceOf(IllegalOrderTransitionException.class);
        order.expire(deadline);

        assertThat(order.status()).isEqualTo(OrderStatus.EXPIRED);
    }

    @Test
    void anOrderPastItsDeadlineCannotBeCancelledButExpires() {
        Order order = OrderMother.awaitingPayment(TIMEOUT);
        Instant deadline = PLACED_AT.plus(TIMEOUT);

        assertThatThrownBy(() -> order.cancel(deadline)).isInstanceOf(IllegalOrderTransitionException.class);
        order.expire(deadline);

        assertThat(order.status()).isEqualTo(OrderStatus.EXPIRED);
    }

    @Test
    void anOrderDoesNotExpireBeforeItsDeadline() {
        Order order = OrderMother.awaitingPayment(TIMEOUT);

        assertThatThrownBy(() -> order.expire(PLACED_AT.plus(TIMEOUT).minusMillis(1)))
                .isInstanceOf(IllegalOrderTransitionException.class);
        assertThat(order.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
    }

    @Test
    void anUnpaidOrderCanBeCancelledButNotAPaidOne() {
        Order unpaid = OrderMother.awaitingPayment(TIMEOUT);
        unpaid.cancel(PLACED_AT.plusSeconds(5));
        assertThat(unpaid.status()).isEqualTo(OrderStatus.CANCELLED);

        Order paid = OrderMother.placing(true);
        paid.confirmPlacement(PLACED_AT, TIMEOUT);
        assertThatThrownBy(() -> paid.cancel(PLACED_AT)).isInstanceOf(IllegalOrderTransitionException.class);
        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void anOrderInPaymentCanNeitherBeCancelledNorExpire() {
        Order order = OrderMother.awaitingPayment(TIMEOUT);
        order.startPayment(PLACED_AT.plusSeconds(1));

        assertThatThrownBy(() -> order.cancel(PLACED_AT.plusSeconds(2)))
                .isInstanceOf(IllegalOrderTransitionException.class);
        assertThatThrownBy(() -> order.expire(PLACED_AT.plus(TIMEOUT).plusSeconds(1)))
                .isInstanceOf(IllegalOrderTransitionException.class);
    }

    @Test
    void aPlacingOrderCannotBePaidCancelledOrExpired() {
        Order order = OrderMother.placing(false);

        assertThatThrownBy(() -> order.startPayment(PLACED_AT)).isInstanceOf(IllegalOrderTransitionException.class);
        assertThatThrownBy(() -> order.cancel(PLACED_AT)).isInstanceOf(IllegalOrderTransitionException.class);
        assertThatThrownBy(() -> order.expire(PLACED_AT)).isInstanceOf(IllegalOrderTransitionException.class);
        assertThat(order.status()).isEqualTo(OrderStatus.PLACING);
    }

    @Test
    void ownershipIsByUserId() {
        Order order = OrderMother.placing(true);

        assertThat(order.isOwnedBy("alice")).isTrue();
        assertThat(order.isOwnedBy("mallory")).isFalse();
    }
}
