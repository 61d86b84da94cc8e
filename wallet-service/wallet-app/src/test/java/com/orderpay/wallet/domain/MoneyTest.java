package com.orderpay.wallet.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void moneyAlwaysHasTwoFractionDigits() {
        assertThat(Money.of("1.5").value()).isEqualTo(new BigDecimal("1.50"));
        assertThat(Money.of("7").value()).isEqualTo(new BigDecimal("7.00"));
        assertThat(Money.of(new BigDecimal("2.500")).value()).isEqualTo(new BigDecimal("2.50"));
        assertThat(Money.ZERO.value()).isEqualTo(new BigDecimal("0.00"));
        assertThat(Money.of("12.5")).hasToString("12.50");
    }

    @Test
    void anAmountThatWouldNeedRoundingIsRefused() {
        assertThatThrownBy(() -> Money.of("1.005")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of("0.001")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moneyIsNeverNegativeNorAboveTheColumn() {
        assertThatThrownBy(() -> Money.of("-0.01")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Money.of("99999999999999999.99").value()).isEqualTo(new BigDecimal("99999999999999999.99"));
        assertThatThrownBy(() -> Money.of("100000000000000000.00")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAmountToMoveIsStrictlyPositive() {
        assertThat(Money.positive(new BigDecimal("0.01"))).isEqualTo(Money.of("0.01"));
        assertThatThrownBy(() -> Money.positive(new BigDecimal("0.00"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.positive(new BigDecimal("-5.00"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arithmeticIsExactToTheCent() {
        Money sum = Money.ZERO;
        for (int i = 0; i < 10; i++) {
            sum = sum.plus(Money.of("0.10"));
        }
        assertThat(sum).isEqualTo(Money.of("1.00"));
        assertThat(Money.of("0.30").minus(Money.of("0.10")).minus(Money.of("0.20"))).isEqualTo(Money.ZERO);
        assertThat(Money.of("100.00").minus(Money.of("33.33"))).isEqualTo(Money.of("66.67"));
        // equal amounts are equal whatever scale they were written with
        assertThat(Money.of("5")).isEqualTo(Money.of("5.00"));
    }

    @Test
    void subtractingMoreThanThereIsIsRefused() {
        assertThatThrownBy(() -> Money.of("1.00").minus(Money.of("1.01"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Money.of("1.00").isLessThan(Money.of("1.01"))).isTrue();
        assertThat(Money.of("1.01").isLessThan(Money.of("1.01"))).isFalse();
    }
}
