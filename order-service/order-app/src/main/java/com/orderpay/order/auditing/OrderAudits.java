package com.orderpay.order.auditing;

import com.orderpay.order.api.OrderAuditPageResponse;
import com.orderpay.order.api.OrderAuditResponse;
import com.orderpay.order.api.OrderClient;
import com.orderpay.order.api.PendingOrdersResponse;
import com.orderpay.order.domain.OrderStatus;
import com.orderpay.order.persistence.CustomerOrderEntity;
import com.orderpay.order.persistence.CustomerOrderMapper;
import com.orderpay.platform.paging.AuditPaging;
import com.orderpay.platform.problem.ProblemException;
import java.time.Instant;
import java.util.List;
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
        AuditPaging.limit(limit, OrderClient.MAX_AUDIT_PAGE);
        List<CustomerOrderEntity> rows = orders.auditPage(AuditPaging.after("o", cursor),
                AuditPaging.names("statuses", statuses, OrderStatus.class),
                AuditPaging.instant("updatedBefore", updatedBefore), limit + 1);
        List<CustomerOrderEntity> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? AuditPaging.cursor("o", page.get(limit - 1).getOrderNo()) : null;
        return new OrderAuditPageResponse(page.stream().map(OrderAudits::of).toList(), next);
    }

    public List<OrderAuditResponse> lookup(List<String> orderNos) {
        if (orderNos.size() > OrderClient.MAX_AUDIT_PAGE) {
            throw ProblemException.invalidParameter("orderNos", "takes at most " + OrderClient.MAX_AUDIT_PAGE + " per lookup");
        }
        return orderNos.isEmpty() ? List.of()
                : orders.lookup(orderNos.stream().distinct().toList()).stream().map(OrderAudits::of).toList();
    }

    public OrderAuditResponse one(String orderNo) {
        return lookup(List.of(orderNo)).stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Order " + orderNo));
    }

    public PendingOrdersResponse pending(String createdBefore) {
        Instant before = AuditPaging.instant("createdBefore", createdBefore);
        return new PendingOrdersResponse(before, orders.countPendingCreatedBefore(before));
    }

    static OrderAuditResponse of(CustomerOrderEntity row) {
        return new OrderAuditResponse(row.getOrderNo(), row.getUserId(), row.getStatus(), row.getTotal(),
                Boolean.TRUE.equals(row.getPayNow()), row.getCreatedAt(), row.getUpdatedAt(), row.getExpiresAt(),
                row.getPlacedXid(), row.getPaymentXid());
    }

}
