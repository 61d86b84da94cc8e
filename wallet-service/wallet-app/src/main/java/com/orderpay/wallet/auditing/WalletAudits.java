package com.orderpay.wallet.auditing;

import static com.orderpay.platform.paging.AuditPaging.column;

import com.orderpay.platform.paging.AuditPaging;
import com.orderpay.platform.problem.ProblemException;
import com.orderpay.wallet.api.FreezeAuditPageResponse;
import com.orderpay.wallet.api.FreezeAuditResponse;
import com.orderpay.wallet.api.UserPaymentsResponse;
import com.orderpay.wallet.api.WalletAuditPageResponse;
import com.orderpay.wallet.api.WalletAuditResponse;
import com.orderpay.wallet.api.WalletClient;
import com.orderpay.wallet.domain.FreezeStatus;
import com.orderpay.wallet.persistence.FundsFreezeMapper;
import com.orderpay.wallet.persistence.WalletLedgerEntryMapper;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Freezes, wallets and payments as reconciliation reads them: keyset pages (opaque cursors) and bounded lookups,
 * so that a caller holds one page at a time whatever the number of orders.
 */
@Service
public class WalletAudits {

    private final FundsFreezeMapper freezes;
    private final WalletLedgerEntryMapper ledger;

    public WalletAudits(FundsFreezeMapper freezes, WalletLedgerEntryMapper ledger) {
        this.freezes = freezes;
        this.ledger = ledger;
    }

    public FreezeAuditPageResponse freezes(String cursor, int limit, List<String> statuses, String updatedBefore) {
        AuditPaging.limit(limit, WalletClient.MAX_AUDIT_PAGE);
        List<Map<String, Object>> rows = freezes.auditPage(AuditPaging.afterId("f", cursor),
                AuditPaging.names("statuses", statuses, FreezeStatus.class),
                AuditPaging.instant("updatedBefore", updatedBefore), limit + 1);
        List<FreezeAuditResponse> page = (rows.size() > limit ? rows.subList(0, limit) : rows).stream()
                .map(WalletAudits::freeze).toList();
        String next = rows.size() > limit ? AuditPaging.cursor("f", String.valueOf(page.get(limit - 1).id())) : null;
        return new FreezeAuditPageResponse(page, next);
    }

    public List<FreezeAuditResponse> lookup(List<String> orderNos) {
        if (orderNos.size() > WalletClient.MAX_AUDIT_PAGE) {
            throw ProblemException.invalidParameter("orderNos", "takes at most " + WalletClient.MAX_AUDIT_PAGE + " per lookup");
        }
        return orderNos.isEmpty() ? List.of()
                : freezes.auditByOrders(orderNos.stream().distinct().toList()).stream().map(WalletAudits::freeze)
                        .toList();
    }

    public WalletAuditPageResponse wallets(String cursor, int limit) {
        AuditPaging.limit(limit, WalletClient.MAX_AUDIT_PAGE);
        List<WalletAuditResponse> page = ledger.walletAudit(AuditPaging.after("w", cursor), limit).stream()
                .map(row -> new WalletAuditResponse((String) column(row, "user_id"), money(row, "available"),
                        money(row, "frozen"), money(row, "credits"), money(row, "refunds"), money(row, "debits"),
                        money(row, "freezes"), money(row, "unfreezes")))
                .toList();
        String next = page.size() == limit ? AuditPaging.cursor("w", page.get(limit - 1).userId()) : null;
        return new WalletAuditPageResponse(page, next);
    }

    public List<UserPaymentsResponse> heavyPayers(String since, long morePaymentsThan, BigDecimal moreThanAmount) {
        LocalDateTime from = LocalDateTime.ofInstant(AuditPaging.instant("since", since), ZoneOffset.UTC);
        return ledger.heavyPayers(from, morePaymentsThan, moreThanAmount).stream()
                .map(row -> new UserPaymentsResponse((String) column(row, "user_id"),
                        ((Number) column(row, "payments")).longValue(), money(row, "amount")))
                .toList();
    }

    private static FreezeAuditResponse freeze(Map<String, Object> row) {
        Object refunded = column(row, "refunded");
        return new FreezeAuditResponse(((Number) column(row, "id")).longValue(), (String) column(row, "order_no"),
                (String) column(row, "user_id"), money(row, "amount"), (String) column(row, "status"),
                (String) column(row, "xid"), time(column(row, "updated_at")),
                refunded instanceof Boolean b ? b : refunded != null && ((Number) refunded).intValue() != 0);
    }

    private static BigDecimal money(Map<String, Object> row, String column) {
        Object value = column(row, column);
        return value == null ? BigDecimal.ZERO.setScale(2)
                : (value instanceof BigDecimal d ? d : new BigDecimal(value.toString())).setScale(2);
    }

    private static Instant time(Object value) {
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return value instanceof Instant instant ? instant : null;
    }

}
