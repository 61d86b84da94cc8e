package com.orderpay.order.querying;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class OrderCursorTest {

    @Test
    void aCursorComesBackAsItWasGivenOut() {
        OrderCursor cursor = new OrderCursor(Instant.parse("2026-11-24T10:00:00.123Z"), "O01ABCDEFGH");

        assertThat(OrderCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain("O01ABCDEFGH").matches("[A-Za-z0-9_-]+");
    }

    @Test
    void aForeignCursorIsAValidationFailure() {
        for (String bad : new String[] {"nonsense!", "MTIz",
                Base64.getUrlEncoder().encodeToString("1:notanumber:O1".getBytes(StandardCharsets.UTF_8)),
                Base64.getUrlEncoder().encodeToString("2:1:O1".getBytes(StandardCharsets.UTF_8))}) {
            assertThatThrownBy(() -> OrderCursor.decode(bad)).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).code()).isEqualTo(ProblemCode.VALIDATION_FAILED));
        }
    }
}
