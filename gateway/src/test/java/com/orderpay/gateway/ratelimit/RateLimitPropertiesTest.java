package com.orderpay.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateLimitPropertiesTest {

    @Test
    void retryAfterIsTheTimeToEarnOneRequest() {
        assertThat(new RateLimitProperties(50, 100, 1, 32).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimitProperties(1, 2, 1, 32).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimitProperties(2, 10, 5, 32).retryAfterSeconds()).isEqualTo(3);
        assertThat(new RateLimitProperties(1, 60, 60, 32).retryAfterSeconds()).as("one request a minute").isEqualTo(60);
    }

    @Test
    void refusesLimitsTheBucketCannotHold() {
        assertThatThrownBy(() -> new RateLimitProperties(10, 5, 1, 32)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new RateLimitProperties(0, 5, 1, 32)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new RateLimitProperties(50, 100, 1, 0)).isInstanceOf(IllegalStateException.class);
    }
}
