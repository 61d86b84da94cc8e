package com.orderpay.bench.baseline;

import com.orderpay.order.api.OrderItemRequest;
import com.orderpay.order.api.OrderItemResponse;
import com.orderpay.order.api.OrderResponse;
import com.orderpay.order.api.PlaceOrderRequest;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A paid order without a distributed transaction: read the prices, sell the units (one guarded UPDATE per SKU, in
 * skuId order), debit the wallet (one guarded UPDATE) with its DEBIT ledger entry, insert the order PAID with its
 * items. Joins the caller's transaction (the Idempotency-Key's), so a refusal rolls everything back.
 */
@Service
public class LocalOrders {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public LocalOrders(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public OrderResponse placePaid(String userId, String placementKey, PlaceOrderRequest request) {
        if (!request.paysNow()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "The baseline only places paid orders");
        }
        List<OrderItemRequest> lines = request.items().stream()
                .sorted(Comparator.comparing(OrderItemRequest::skuId)).toList();
        Map<String, BigDecimal> prices = new HashMap<>();
        jdbc.query("SELECT sku_id, price FROM sku WHERE sku_id IN ("
                        + String.join(",", lines.stream().map(l -> "?").toList()) + ")",
                rs -> {
                    prices.put(rs.getString(1), rs.getBigDecimal(2));
                }, lines.stream().map(OrderItemRequest::skuId).toArray());
        BigDecimal total = BigDecimal.ZERO;
        List<OrderItemResponse> items = new ArrayList<>();
        for (OrderItemRequest line : lines) {
            BigDecimal price = prices.get(line.skuId());
            if (price == null) {
                throw new ProblemException(ProblemCode.NOT_FOUND, "Unknown SKU: " + line.skuId());
            }
            if (jdbc.update("UPDATE sku SET on_hand = on_hand - ?, sold = sold + ?, version = version + 1 "
                    + "WHERE sku_id = ? AND on_hand >= ?", line.quantity(), line.quantity(), line.skuId(),
                    line.quantity()) != 1) {
                throw new ProblemException(ProblemCode.OUT_OF_STOCK, "Not enough stock of " + line.skuId());
            }
            items.add(new OrderItemResponse(line.skuId(), line.quantity(), price));
            total = total.add(price.multiply(BigDecimal.valueOf(line.quantity())));
        }
        if (jdbc.update("UPDATE wallet SET available = available - ? WHERE user_id = ? AND available >= ?",
                total, userId, total) != 1) {
            throw new ProblemException(ProblemCode.INSUFFICIENT_BALANCE, "Insufficient balance");
        }
        Instant now = clock.instant();
        String orderNo = orderNumber(now);
        jdbc.update("INSERT INTO wallet_ledger_entry (user_id, type, amount, order_no, created_at) "
                + "VALUES (?, 'DEBIT', ?, ?, ?)", userId, total, orderNo, Timestamp.from(now));
        jdbc.update("INSERT INTO customer_order (order_no, user_id, status, total, placement_key, created_at) "
                + "VALUES (?, ?, 'PAID', ?, ?, ?)", orderNo, userId, total, placementKey, Timestamp.from(now));
        for (OrderItemResponse item : items) {
            jdbc.update("INSERT INTO order_item (order_no, sku_id, quantity, unit_price) VALUES (?, ?, ?, ?)",
                    orderNo, item.skuId(), item.quantity(), item.unitPrice());
        }
        return new OrderResponse(orderNo, userId, "PAID", items, total, now, null);
    }

    /** The services' order number shape: time first, then random characters. */
    private String orderNumber(Instant now) {
        char[] number = new char[25];
        number[0] = 'B';
        long millis = now.toEpochMilli();
        for (int i = 10; i >= 1; i--) {
            number[i] = CROCKFORD[(int) (millis & 31)];
            millis >>>= 5;
        }
        for (int i = 11; i < number.length; i++) {
            number[i] = CROCKFORD[random.nextInt(32)];
        }
        return new String(number);
    }
}
