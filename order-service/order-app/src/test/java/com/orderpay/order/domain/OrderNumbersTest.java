package com.orderpay.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderNumbersTest {

    @Test
    void numbersAreShortPrefixedAndFromAnUnambiguousAlphabet() {
        String number = new OrderNumbers(Clock.systemUTC()).next();

        assertThat(number).matches("O[0-9A-HJKMNP-TV-Z]{24}");
        assertThat(number.length()).isLessThanOrEqualTo(40);
    }

    @Test
    void laterNumbersSortAfterEarlierOnes() {
        String earlier = new OrderNumbers(Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC)).next();
        String later = new OrderNumbers(Clock.fixed(Instant.parse("2026-11-24T10:00:00.001Z"), ZoneOffset.UTC)).next();

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void numbersOfTheSameMillisecondDifferAndAreNotSequential() {
        OrderNumbers numbers = new OrderNumbers(Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(numbers.next());
        }

        assertThat(seen).hasSize(10_000);
        // Same time prefix, so all that tells them apart is the random part: nothing to count or guess.
        assertThat(seen.stream().map(n -> n.substring(0, 11)).distinct()).hasSize(1);
    }
}
