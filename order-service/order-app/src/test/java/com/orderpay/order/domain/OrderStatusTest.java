package com.orderpay.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OrderStatusTest {

    private static Set<OrderStatus> reachableFrom(OrderStatus from) {
        return EnumSet.allOf(OrderStatus.class).stream().filter(from::canMoveTo).collect(Collectors.toSet());
    }

    @Test
    void transitionsAreExactlyTheDesignedOnes() {
        assertThat(reachableFrom(OrderStatus.PLACING))
                .containsExactlyInAnyOrder(OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, OrderStatus.REJECTED);
        assertThat(reachableFrom(OrderStatus.AWAITING_PAYMENT))
                .containsExactlyInAnyOrder(OrderStatus.PAYING, OrderStatus.CANCELLED, OrderStatus.EXPIRED);
        assertThat(reachableFrom(OrderStatus.PAYING))
                .containsExactlyInAnyOrder(OrderStatus.PAID, OrderStatus.AWAITING_PAYMENT);
    }

    @Test
    void paidRejectedCancelledAndExpiredAreFinal() {
        assertThat(EnumSet.allOf(OrderStatus.class).stream().filter(OrderStatus::isFinal))
                .containsExactlyInAnyOrder(OrderStatus.PAID, OrderStatus.REJECTED, OrderStatus.CANCELLED,
                        OrderStatus.EXPIRED);
    }

    @Test
    void onlyPlacingAndPayingAreTransient() {
        assertThat(EnumSet.allOf(OrderStatus.class).stream().filter(OrderStatus::isTransient))
                .containsExactlyInAnyOrder(OrderStatus.PLACING, OrderStatus.PAYING);
    }

    @Test
    void aPaidOrderIsNeverPaidAgainNorGoesBack() {
        assertThat(OrderStatus.PAID.canMoveTo(OrderStatus.PAYING)).isFalse();
        assertThat(OrderStatus.PAID.canMoveTo(OrderStatus.AWAITING_PAYMENT)).isFalse();
        assertThat(OrderStatus.AWAITING_PAYMENT.canMoveTo(OrderStatus.PAID)).isFalse();
    }
}
