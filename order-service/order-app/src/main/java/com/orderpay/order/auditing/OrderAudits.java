package com.orderpay.order.auditing;

import com.orderpay.order.api.OrderAuditPageResponse;
import com.orderpay.order.api.OrderAuditResponse;
import com.orderpay.order.api.OrderClient;
import com.orderpay.order.api.PendingOrdersResponse;
import com.orderpay.order.domain.OrderStatus;
import com.orderpay.order.persistence.CustomerOrderEntity;
import com.orderpay.order.persistence.CustomerOrderMapper;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Orders as reconciliation reads them: keyset pages in order-number order (the same cost on every page, whatever
 * arrives meanwhile) and bounded lookups by number, so that a caller matching them with freezes and reservations
 * holds one page at a time.
 */
@Service
public class OrderAudits {

    private final CustomerOrderMapper orders;

    public OrderAudits(CustomerOrderMapper orders) {
        this.orders = orders;
    }

    public OrderAuditPageResponse page(String cursor, int limit, List<String> statuses, String updatedBefore) {
        if (limit < 1 || limit > OrderClient.MAX_AUDIT_PAGE) {
            throw invalid("limit", "must be 1-" + OrderClient.MAX_AUDIT_PAGE);
        }
        List<String> wanted = statuses == null ? List.of() : statuses.stream().map(OrderAudits::status).toList();
        List<CustomerOrderEntity> rows = orders.auditPage(decode(cursor), wanted, instant("updatedBefore", updatedBefore),
                limit + 1);
        List<CustomerOrderEntity> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? encode(page.get(limit - 1).getOrderNo()) : null;
        return new OrderAuditPageResponse(page.stream().map(OrderAudits::of).toList(), next);
    }

    public List<OrderAuditResponse> lookup(List<String> orderNos) {
        if (orderNos.size() > OrderClient.MAX_AUDIT_PAGE) {
            throw invalid("orderNos", "at most " + OrderClient.MAX_AUDIT_PAGE + " per lookup");
        }
        return orderNos.isEmpty() ? List.of()
                : orders.lookup(orderNos.stream().distinct().toList()).stream().map(OrderAudits::of).toList();
    }

    public OrderAuditResponse one(String orderNo) {
        return lookup(List.of(orderNo)).stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Order " + orderNo));
    }

    public PendingOrdersResponse pending(String createdBefore) {
        Instant before = instant("createdBefore", createdBefore);
        return new PendingOrdersResponse(before, orders.countPendingCreatedBefore(before));
    }

    static OrderAuditResponse of(CustomerOrderEntity row) {
        return new OrderAuditResponse(row.getOrderNo(), row.getUserId(), row.getStatus(), row.getTotal(),
                Boolean.TRUE.equals(row.getPayNow()), row.getCreatedAt(), row.getUpdatedAt(), row.getExpiresAt(),
                row.getPlacedXid(), row.getPaymentXid());
    }

    private static String status(String status) {
        try {
            return OrderStatus.valueOf(status).name();
        } catch (IllegalArgumentException e) {
            throw invalid("statuses", "must be among " + List.of(OrderStatus.values()));
        }
    }

    private static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw invalid(field, "must be an ISO-8601 instant");
        }
    }

    private static String encode(String orderNo) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + orderNo).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (plain.startsWith("o:") && plain.length() > 2 && plain.length() <= 42) {
                return plain.substring(2);
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
