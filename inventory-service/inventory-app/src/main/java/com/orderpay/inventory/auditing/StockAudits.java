package com.orderpay.inventory.auditing;

import static com.orderpay.platform.paging.AuditPaging.column;

import com.orderpay.inventory.api.InventoryClient;
import com.orderpay.inventory.api.ReservationAuditPageResponse;
import com.orderpay.inventory.api.ReservationAuditResponse;
import com.orderpay.inventory.api.SkuAuditPageResponse;
import com.orderpay.inventory.api.SkuAuditResponse;
import com.orderpay.inventory.domain.ReservationStatus;
import com.orderpay.inventory.persistence.StockReservationEntity;
import com.orderpay.inventory.persistence.StockReservationMapper;
import com.orderpay.platform.paging.AuditPaging;
import com.orderpay.platform.problem.ProblemException;
import java.time.ZoneOffset;
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
        AuditPaging.limit(limit, InventoryClient.MAX_AUDIT_PAGE);
        List<StockReservationEntity> rows = reservations.auditPage(AuditPaging.afterId("r", cursor),
                AuditPaging.names("statuses", statuses, ReservationStatus.class),
                AuditPaging.instant("updatedBefore", updatedBefore), limit + 1);
        List<StockReservationEntity> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? AuditPaging.cursor("r", String.valueOf(page.get(limit - 1).getId())) : null;
        return new ReservationAuditPageResponse(page.stream().map(StockAudits::of).toList(), next);
    }

    public List<ReservationAuditResponse> lookup(List<String> orderNos) {
        if (orderNos.size() > InventoryClient.MAX_AUDIT_PAGE) {
            throw ProblemException.invalidParameter("orderNos", "takes at most " + InventoryClient.MAX_AUDIT_PAGE + " per lookup");
        }
        return orderNos.isEmpty() ? List.of()
                : reservations.selectByOrders(orderNos.stream().distinct().toList()).stream().map(StockAudits::of)
                        .toList();
    }

    /** At most {@value InventoryClient#MAX_AUDIT_PAGE} live lines of the SKU, for an operator. */
    public List<ReservationAuditResponse> liveHoldsOf(String skuId) {
        return reservations.selectLiveBySku(skuId, InventoryClient.MAX_AUDIT_PAGE).stream().map(StockAudits::of).toList();
    }

    public SkuAuditPageResponse skus(String cursor, int limit) {
        AuditPaging.limit(limit, InventoryClient.MAX_AUDIT_PAGE);
        List<Map<String, Object>> rows = reservations.skuAudit(AuditPaging.after("s", cursor), limit);
        List<SkuAuditResponse> page = rows.stream().map(row -> new SkuAuditResponse((String) column(row, "sku_id"),
                number(row, "on_hand"), number(row, "reserved"), number(row, "sold"),
                number(row, "reserved_by_reservations"), number(row, "sold_by_reservations"))).toList();
        String next = page.size() == limit ? AuditPaging.cursor("s", page.get(limit - 1).skuId()) : null;
        return new SkuAuditPageResponse(page, next);
    }

    private static ReservationAuditResponse of(StockReservationEntity row) {
        return new ReservationAuditResponse(row.getId(), row.getOrderNo(), row.getSkuId(), row.getQuantity(),
                row.getPurpose(), row.getStatus(), row.getTryXid(), row.getSaleXid(),
                row.getUpdatedAt() == null ? null : row.getUpdatedAt().toInstant(ZoneOffset.UTC));
    }

    private static long number(Map<String, Object> row, String name) {
        Object value = column(row, name);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
