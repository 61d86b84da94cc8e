package com.orderpay.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditPagingTest {

    @Test
    void aCursorGivesBackWhatItCarriesForItsOwnWalkOnly() {
        String cursor = AuditPaging.cursor("r", "42");

        assertThat(AuditPaging.afterId("r", cursor)).isEqualTo(42L);
        assertThat(AuditPaging.after("r", null)).isNull();
        assertThatThrownBy(() -> AuditPaging.after("s", cursor)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.code()).isEqualTo(ProblemCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> AuditPaging.after("r", "not base64!")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> AuditPaging.afterId("r", AuditPaging.cursor("r", "x"))).isInstanceOf(ProblemException.class);
    }

    @Test
    void limitsInstantsAndNamesAreCheckedBeforeAnythingIsRead() {
        assertThat(AuditPaging.limit(200, 200)).isEqualTo(200);
        assertThatThrownBy(() -> AuditPaging.limit(201, 200)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> AuditPaging.limit(0, 200)).isInstanceOf(ProblemException.class);
        assertThat(AuditPaging.instant("since", "2026-11-30T10:00:00Z").truncatedTo(ChronoUnit.HOURS))
                .hasToString("2026-11-30T10:00:00Z");
        assertThatThrownBy(() -> AuditPaging.instant("since", "yesterday")).isInstanceOf(ProblemException.class);
        assertThat(AuditPaging.names("statuses", List.of("UNAUTHORIZED"), ProblemCode.class))
                .containsExactly("UNAUTHORIZED");
        assertThat(AuditPaging.names("statuses", null, ProblemCode.class)).isEmpty();
        assertThatThrownBy(() -> AuditPaging.names("statuses", List.of("nope"), ProblemCode.class))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void aColumnIsFoundUnderItsNameOrCamelCased() {
        assertThat(AuditPaging.column(Map.of("sku_id", "A"), "sku_id")).isEqualTo("A");
        assertThat(AuditPaging.column(Map.of("skuId", "B"), "sku_id")).isEqualTo("B");
    }
}
