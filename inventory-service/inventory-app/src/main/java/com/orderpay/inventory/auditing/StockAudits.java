package com.orderpay.inventory.auditing;

import com.orderpay.inventory.api.InventoryClient;
import com.orderpay.inventory.api.ReservationAuditPageResponse;
import com.orderpay.inventory.api.ReservationAuditResponse;
import com.orderpay.inventory.api.SkuAuditPageResponse;
import com.orderpay.inventory.api.SkuAuditResponse;
import com.orderpay.inventory.domain.ReservationStatus;
import com.orderpay.inventory.persistence.StockReservationEntity;
import com.orderpay.inventory.persistence.StockReservationMapper;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Reservations and SKU figures as reconciliation reads them: keyset pages (opaque cursors) and bounded lookups, so
 * that a caller holds one page at a time whatever the number of orders.
 */
@Service
public class StockAudits {

    private final StockReservationMapper reservations;

    public StockAudits(StockReservationMapper reservations) {
        this.reservations = reservations;
    }

    public ReservationAuditPageResponse reservations(String cursor, int limit, List<String> statuses,
            String updatedBefore) {
        requireLimit(limit);
        List<String> wanted = statuses == null ? List.of() : statuses.stream().map(StockAudits::status).toList();
        String after = decode(cursor, "r:");
        List<StockReservationEntity> rows = reservations.auditPage(after == null ? null : parseId(after), wanted,
                instant(updatedBefore), limit + 1);
        List<StockReservationEntity> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? encode("r:", String.valueOf(page.get(limit - 1).getId())) : null;
        return new ReservationAuditPageResponse(page.stream().map(StockAudits::of).toList(), next);
    }

    public List<ReservationAuditResponse> lookup(List<String> orderNos) {
        if (orderNos.size() > InventoryClient.MAX_AUDIT_PAGE) {
            throw invalid("orderNos", "at most " + InventoryClient.MAX_AUDIT_PAGE + " per lookup");
        }
        return orderNos.isEmpty() ? List.of()
                : reservations.selectByOrders(orderNos.stream().distinct().toList()).stream().map(StockAudits::of)
                        .toList();
    }

    public SkuAuditPageResponse skus(String cursor, int limit) {
        requireLimit(limit);
        List<Map<String, Object>> rows = reservations.skuAudit(decode(cursor, "s:"), limit);
        List<SkuAuditResponse> page = rows.stream().map(row -> new SkuAuditResponse((String) value(row, "sku_id"),
                number(row, "on_hand"), number(row, "reserved"), number(row, "sold"),
                number(row, "reserved_by_reservations"), number(row, "sold_by_reservations"))).toList();
        String next = page.size() == limit ? encode("s:", page.get(limit - 1).skuId()) : null;
        return new SkuAuditPageResponse(page, next);
    }

    private static ReservationAuditResponse of(StockReservationEntity row) {
        return new ReservationAuditResponse(row.getId(), row.getOrderNo(), row.getSkuId(), row.getQuantity(),
                row.getPurpose(), row.getStatus(), row.getTryXid(), row.getSaleXid(),
                row.getUpdatedAt() == null ? null : row.getUpdatedAt().toInstant(ZoneOffset.UTC));
    }

    /** The column as MyBatis named it (as is, or camel-cased where a map wrapper is configured). */
    private static Object value(Map<String, Object> row, String column) {
        if (row.containsKey(column)) {
            return row.get(column);
        }
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return row.get(camel.toString());
    }

    private static long number(Map<String, Object> row, String column) {
        Object value = value(row, column);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > InventoryClient.MAX_AUDIT_PAGE) {
            throw invalid("limit", "must be 1-" + InventoryClient.MAX_AUDIT_PAGE);
        }
    }

    private static String status(String status) {
        try {
            return ReservationStatus.valueOf(status).name();
        } catch (IllegalArgumentException e) {
            throw invalid("statuses", "must be among " + List.of(ReservationStatus.values()));
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw invalid("updatedBefore", "must be an ISO-8601 instant");
        }
    }

    private static long parseId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid("cursor", "not a cursor this API gave out");
        }
    }

    private static String encode(String prefix, String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((prefix + value).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor, String prefix) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (plain.startsWith(prefix) && plain.length() > prefix.length() && plain.length() <= 80) {
                return plain.substring(prefix.length());
            }
        } catch (IllegalArgumentException e) {
            // the same answer as any other foreign cursor
        }
        throw invalid("cursor", "not a cursor this API gave out");
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemCode.VALIDATION_FAILED, "Request is not valid",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
