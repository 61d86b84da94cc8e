package com.orderpay.wallet.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An amount of money in the deployment's one currency: never negative, always exactly two fraction digits (the
 * scale of {@code DECIMAL(19,2)}), never rounded: an amount that needs rounding is refused.
 */
public record Money(BigDecimal value) implements Comparable<Money> {

    public static final Money ZERO = new Money(BigDecimal.ZERO);
    /** Integer digits that fit {@code DECIMAL(19,2)}. */
    private static final int MAX_INTEGER_DIGITS = 17;

    public Money {
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("Money is never negative: " + value.toPlainString());
        }
        try {
            value = value.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Money has at most two fraction digits: " + value.toPlainString(), e);
        }
        if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException("Money above " + MAX_INTEGER_DIGITS + " integer digits: "
                    + value.toPlainString());
        }
    }

    public static Money of(BigDecimal value) {
        return new Money(value);
    }

    public static Money of(String value) {
        return new Money(new BigDecimal(value));
    }

    /** An amount to move: strictly positive. */
    public static Money positive(BigDecimal value) {
        Money money = of(value);
        if (!money.isPositive()) {
            throw new IllegalArgumentException("An amount to move must be positive: " + money);
        }
        return money;
    }

    public Money plus(Money other) {
        return new Money(value.add(other.value));
    }

    /** @throws IllegalArgumentException when {@code other} is larger: money never goes below zero */
    public Money minus(Money other) {
        if (isLessThan(other)) {
            throw new IllegalArgumentException(this + " - " + other + " would be negative");
        }
        return new Money(value.subtract(other.value));
    }

    public boolean isPositive() {
        return value.signum() > 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(Money other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}
