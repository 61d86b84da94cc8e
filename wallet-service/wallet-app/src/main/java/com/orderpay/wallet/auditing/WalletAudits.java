package com.orderpay.wallet.auditing;

import com.orderpay.platform.problem.ProblemCode;
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
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
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
        requireLimit(limit);
        List<String> wanted = statuses == null ? List.of() : statuses.stream().map(WalletAudits::status).toList();
        String after = decode(cursor, "f:");
        List<Map<String, Object>> rows = freezes.auditPage(after == null ? null : parseId(after), wanted,
                instant("updatedBefore", updatedBefore), limit + 1);
        List<FreezeAuditResponse> page = (rows.size() > limit ? rows.subList(0, limit) : rows).stream()
                .map(WalletAudits::freeze).toList();
        String next = rows.size() > limit ? encode("f:", String.valueOf(page.get(limit - 1).id())) : null;
        return new FreezeAuditPageResponse(page, next);
    }

    public List<FreezeAuditResponse> lookup(List<String> orderNos) {
        if (orderNos.size() > WalletClient.MAX_AUDIT_PAGE) {
            throw invalid("orderNos", "at most " + WalletClient.MAX_AUDIT_PAGE + " per lookup");
        }
        return orderNos.isEmpty() ? List.of()
                : freezes.auditByOrders(orderNos.stream().distinct().toList()).stream().map(WalletAudits::freeze)
                        .toList();
    }

    public WalletAuditPageResponse wallets(String cursor, int limit) {
        requireLimit(limit);
        List<WalletAuditResponse> page = ledger.walletAudit(decode(cursor, "w:"), limit).stream()
                .map(row -> new WalletAuditResponse((String) value(row, "user_id"), money(row, "available"),
                        money(row, "frozen"), money(row, "credits"), money(row, "refunds"), money(row, "debits"),
                        money(row, "freezes"), money(row, "unfreezes")))
                .toList();
        String next = page.size() == limit ? encode("w:", page.get(limit - 1).userId()) : null;
        return new WalletAuditPageResponse(page, next);
    }

    public List<UserPaymentsResponse> heavyPayers(String since, long morePaymentsThan, BigDecimal moreThanAmount) {
        LocalDateTime from = LocalDateTime.ofInstant(instant("since", since), ZoneOffset.UTC);
        return ledger.heavyPayers(from, morePaymentsThan, moreThanAmount).stream()
                .map(row -> new UserPaymentsResponse((String) value(row, "user_id"),
                        ((Number) value(row, "payments")).longValue(), money(row, "amount")))
                .toList();
    }

    private static FreezeAuditResponse freeze(Map<String, Object> row) {
        Object refunded = value(row, "refunded");
        return new FreezeAuditResponse(((Number) value(row, "id")).longValue(), (String) value(row, "order_no"),
                (String) value(row, "user_id"), money(row, "amount"), (String) value(row, "status"),
                (String) value(row, "xid"), time(value(row, "updated_at")),
                refunded instanceof Boolean b ? b : refunded != null && ((Number) refunded).intValue() != 0);
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

    private static BigDecimal money(Map<String, Object> row, String column) {
        Object value = value(row, column);
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

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > WalletClient.MAX_AUDIT_PAGE) {
            throw invalid("limit", "must be 1-" + WalletClient.MAX_AUDIT_PAGE);
        }
    }

    private static String status(String status) {
        try {
            return FreezeStatus.valueOf(status).name();
        } catch (IllegalArgumentException e) {
            throw invalid("statuses", "must be among " + List.of(FreezeStatus.values()));
        }
    }

    private static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw invalid(field, "must be an ISO-8601 instant");
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
