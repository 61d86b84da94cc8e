package com.orderpay.platform.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyJsonModuleTest {

    record Price(BigDecimal amount) {
    }

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new MoneyJsonModule());

    @Test
    void writesMoneyAsStringWithTwoFractionDigits() throws Exception {
        assertThat(mapper.writeValueAsString(new Price(new BigDecimal("12.5")))).isEqualTo("{\"amount\":\"12.50\"}");
        assertThat(mapper.writeValueAsString(new Price(new BigDecimal("3")))).isEqualTo("{\"amount\":\"3.00\"}");
    }

    @Test
    void refusesToRoundMoneyWithMoreThanTwoDigitsOnTheWayOut() {
        assertThatThrownBy(() -> mapper.writeValueAsString(new Price(new BigDecimal("1.005"))))
                .hasRootCauseInstanceOf(ArithmeticException.class);
    }

    @Test
    void readsMoneyOnlyFromStringsWithTwoFractionDigits() throws Exception {
        assertThat(mapper.readValue("{\"amount\":\"12.50\"}", Price.class).amount()).isEqualByComparingTo("12.50");
        assertThat(mapper.readValue("{\"amount\":\"-0.01\"}", Price.class).amount()).isEqualByComparingTo("-0.01");
        for (String bad : new String[] {"12.5", "\"12.5\"", "\"12\"", "\"12.500\"", "\"1e3\"", "\"abc\"", "true",
                "\"123456789012345678.00\"", "\" 1.00\"", "\"1.00 \"", "\"1.00\\u0000\"", "\"\\t1.00\""}) {
            assertThatThrownBy(() -> mapper.readValue("{\"amount\":" + bad + "}", Price.class))
                    .as(bad).isInstanceOf(InvalidFormatException.class);
        }
    }
}
