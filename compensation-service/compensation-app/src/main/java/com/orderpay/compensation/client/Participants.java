package com.orderpay.compensation.client;

import com.orderpay.inventory.api.InventoryClient;
import com.orderpay.inventory.api.ReservationAuditPageResponse;
import com.orderpay.inventory.api.ReservationAuditResponse;
import com.orderpay.inventory.api.SkuAuditPageResponse;
import com.orderpay.inventory.api.StockReservationResponse;
import com.orderpay.order.api.OrderAuditPageResponse;
import com.orderpay.order.api.OrderAuditResponse;
import com.orderpay.order.api.OrderClient;
import com.orderpay.order.api.PendingOrdersResponse;
import com.orderpay.order.api.TransactionStatusResponse;
import com.orderpay.wallet.api.FreezeAuditPageResponse;
import com.orderpay.wallet.api.FreezeAuditResponse;
import com.orderpay.wallet.api.FundsFreezeResponse;
import com.orderpay.wallet.api.RefundRequest;
import com.orderpay.wallet.api.RefundResponse;
import com.orderpay.wallet.api.UserPaymentsResponse;
import com.orderpay.wallet.api.WalletAuditPageResponse;
import com.orderpay.wallet.api.WalletClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The three owners as reconciliation talks to them: their internal APIs only (never their databases), pages by
 * opaque cursors and lookups by bounded lists of order numbers.
 */
@Component
public class Participants {

    private final OrderClient orders;
    private final InventoryClient inventory;
    private final WalletClient wallet;

    public Participants(OrderClient orders, InventoryClient inventory, WalletClient wallet) {
        this.orders = orders;
        this.inventory = inventory;
        this.wallet = wallet;
    }

    // ---- order-service --------------------------------------------------------------------------------------

    public OrderAuditPageResponse orderPage(String cursor, int limit, List<String> statuses, Instant updatedBefore) {
        return orders.orderAudits(cursor, limit, statuses, updatedBefore.toString());
    }

    /** The orders among {@code orderNos} (at most a page of them), by number; missing ones are absent. */
    public Map<String, OrderAuditResponse> orders(Collection<String> orderNos) {
        return orderNos.isEmpty() ? Map.of()
                : orders.lookupOrders(List.copyOf(orderNos)).stream()
                        .collect(Collectors.toMap(OrderAuditResponse::orderNo, Function.identity()));
    }

    public OrderAuditResponse settleOrder(String orderNo, String xid, boolean commit) {
        return orders.settle(orderNo, new com.orderpay.order.api.SettlementRequest(xid,
                commit ? com.orderpay.order.api.SettlementRequest.Outcome.COMMIT
                        : com.orderpay.order.api.SettlementRequest.Outcome.ROLLBACK));
    }

    public TransactionStatusResponse coordinatorSays(String xid) {
        return orders.transaction(xid);
    }

    public PendingOrdersResponse pendingOrders(Instant createdBefore) {
        return orders.pendingOrders(createdBefore.toString());
    }

    // ---- inventory-service ----------------------------------------------------------------------------------

    public ReservationAuditPageResponse reservationPage(String cursor, int limit, List<String> statuses,
            Instant updatedBefore) {
        return inventory.reservationAudits(cursor, limit, statuses, updatedBefore.toString());
    }

    /** Every reservation line of these orders (at most a page of them), grouped by order. */
    public Map<String, List<ReservationAuditResponse>> reservations(Collection<String> orderNos) {
        return orderNos.isEmpty() ? Map.of()
                : inventory.lookupReservations(List.copyOf(orderNos)).stream()
                        .collect(Collectors.groupingBy(ReservationAuditResponse::orderNo));
    }

    public StockReservationResponse settleStock(String orderNo, String xid, boolean commit) {
        return inventory.settle(orderNo, new com.orderpay.inventory.api.SettlementRequest(xid,
                commit ? com.orderpay.inventory.api.SettlementRequest.Outcome.COMMIT
                        : com.orderpay.inventory.api.SettlementRequest.Outcome.ROLLBACK));
    }

    public StockReservationResponse releaseHold(String orderNo) {
        return inventory.release(orderNo);
    }

    public SkuAuditPageResponse skuPage(String cursor, int limit) {
        return inventory.skuAudits(cursor, limit);
    }

    // ---- wallet-service -------------------------------------------------------------------------------------

    public FreezeAuditPageResponse freezePage(String cursor, int limit, List<String> statuses, Instant updatedBefore) {
        return wallet.freezeAudits(cursor, limit, statuses, updatedBefore.toString());
    }

    /** Every freeze of these orders (at most a page of them), grouped by order. */
    public Map<String, List<FreezeAuditResponse>> freezes(Collection<String> orderNos) {
        return orderNos.isEmpty() ? Map.of()
                : wallet.lookupFreezes(List.copyOf(orderNos)).stream()
                        .collect(Collectors.groupingBy(FreezeAuditResponse::orderNo));
    }

    public FundsFreezeResponse settleFreeze(String orderNo, String xid, boolean commit) {
        return wallet.settle(orderNo, new com.orderpay.wallet.api.SettlementRequest(xid,
                commit ? com.orderpay.wallet.api.SettlementRequest.Outcome.COMMIT
                        : com.orderpay.wallet.api.SettlementRequest.Outcome.ROLLBACK));
    }

    public RefundResponse refund(String orderNo, String userId, BigDecimal amount, String reason) {
        return wallet.refund(new RefundRequest(orderNo, userId, amount, reason));
    }

    public WalletAuditPageResponse walletPage(String cursor, int limit) {
        return wallet.walletAudits(cursor, limit);
    }

    public List<UserPaymentsResponse> heavyPayers(Instant since, long morePaymentsThan, BigDecimal moreThanAmount) {
        return wallet.heavyPayers(since.toString(), morePaymentsThan, moreThanAmount);
    }
}
