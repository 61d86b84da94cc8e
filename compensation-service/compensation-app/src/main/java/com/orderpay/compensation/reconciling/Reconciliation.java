package com.orderpay.compensation.reconciling;

import com.orderpay.compensation.client.Participants;
import com.orderpay.compensation.config.ReconciliationProperties;
import com.orderpay.compensation.domain.FindingKind;
import com.orderpay.compensation.domain.LiveOrders;
import com.orderpay.compensation.domain.TransactionBranches;
import com.orderpay.compensation.domain.Verdict;
import com.orderpay.compensation.reconciling.Findings.Subject;
import com.orderpay.inventory.api.ReservationAuditPageResponse;
import com.orderpay.inventory.api.ReservationAuditResponse;
import com.orderpay.inventory.api.SkuAuditPageResponse;
import com.orderpay.inventory.api.SkuAuditResponse;
import com.orderpay.order.api.OrderAuditPageResponse;
import com.orderpay.order.api.OrderAuditResponse;
import com.orderpay.order.api.TransactionStatusResponse;
import com.orderpay.wallet.api.FreezeAuditPageResponse;
import com.orderpay.wallet.api.FreezeAuditResponse;
import com.orderpay.wallet.api.RefundResponse;
import com.orderpay.wallet.api.WalletAuditPageResponse;
import com.orderpay.wallet.api.WalletAuditResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The checks of one run, each a walk through one owner's records page by page, matched with the other owners' view
 * of the same orders by bounded lookups: a run holds one page at a time, whatever the number of orders.
 * <ol>
 *   <li>abandoned global transactions: orders PLACING or PAYING, reservations TRYING or SELLING, freezes TRYING;</li>
 *   <li>debits of orders that are not paid;</li>
 *   <li>holds and sales of orders that are not live, or not paid;</li>
 *   <li>paid orders without their debit or their sold stock; unpaid orders long past their deadline;</li>
 *   <li>every wallet against its ledger; every SKU against its reservations.</li>
 * </ol>
 * Records changed within the grace period are never judged. Every repair goes through the owner's API, where it is
 * a status compare-and-set or a unique key: run twice, or by two runs at once, it has one effect.
 */
@Component
public class Reconciliation {

    private static final List<String> OPEN_ORDERS = List.of("PLACING", "PAYING");
    private static final List<String> OPEN_STOCK = List.of("TRYING", "SELLING");
    private static final List<String> OPEN_FREEZES = List.of("TRYING");

    private final Participants owners;
    private final Findings findings;
    private final ReconciliationProperties properties;

    public Reconciliation(Participants owners, Findings findings, ReconciliationProperties properties) {
        this.owners = owners;
        this.findings = findings;
        this.properties = properties;
    }

    public void execute(RunContext run) {
        abandonedTransactions(run);
        debitsOfUnpaidOrders(run);
        holdsAndSalesOfDeadOrders(run);
        paidAndOverdueOrders(run);
        walletsAgainstLedgers(run);
        skusAgainstReservations(run);
    }

    // ---- 1. global transactions the coordinator let go of -----------------------------------------------------

    private void abandonedTransactions(RunContext run) {
        int size = properties.pageSize();
        for (String status : OPEN_ORDERS) {
            String cursor = null;
            do {
                OrderAuditPageResponse page = owners.orderPage(cursor, size, List.of(status), run.cutoff());
                run.checked(page.orders().size());
                for (OrderAuditResponse order : page.orders()) {
                    settle(run, order.orderNo(), "PAYING".equals(order.status()) ? order.paymentXid()
                            : order.placedXid());
                }
                run.pageDone();
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        for (String status : OPEN_STOCK) {
            String cursor = null;
            do {
                ReservationAuditPageResponse page = owners.reservationPage(cursor, size, List.of(status), run.cutoff());
                run.checked(page.reservations().size());
                Set<String> seen = new LinkedHashSet<>();
                for (ReservationAuditResponse line : page.reservations()) {
                    String xid = "SELLING".equals(line.status()) ? line.saleXid() : line.tryXid();
                    if (xid != null && seen.add(line.orderNo() + "|" + xid)) {
                        settle(run, line.orderNo(), xid);
                    }
                }
                run.pageDone();
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        String cursor = null;
        do {
            FreezeAuditPageResponse page = owners.freezePage(cursor, size, OPEN_FREEZES, run.cutoff());
            run.checked(page.freezes().size());
            for (FreezeAuditResponse freeze : page.freezes()) {
                settle(run, freeze.orderNo(), freeze.xid());
            }
            run.pageDone();
            cursor = page.nextCursor();
        } while (cursor != null);
    }

    /**
     * One global transaction left half-way: what its branches prove decides; the coordinator is asked first and, as
     * long as it still drives the transaction, nothing is touched.
     */
    private void settle(RunContext run, String orderNo, String xid) {
        OrderAuditResponse order = owners.orders(List.of(orderNo)).get(orderNo);
        List<ReservationAuditResponse> lines = owners.reservations(List.of(orderNo)).getOrDefault(orderNo, List.of());
        List<FreezeAuditResponse> freezes = owners.freezes(List.of(orderNo)).getOrDefault(orderNo, List.of());
        boolean payment = order != null ? xid.equals(order.paymentXid())
                : lines.stream().anyMatch(line -> xid.equals(line.saleXid()));
        boolean ownBranch = order != null && xid.equals(payment ? order.paymentXid() : order.placedXid());
        List<ReservationAuditResponse> txLines = lines.stream()
                .filter(line -> xid.equals(payment ? line.saleXid() : line.tryXid())).toList();
        List<FreezeAuditResponse> txFreezes = freezes.stream().filter(f -> xid.equals(f.xid())).toList();
        if ((ownBranch && run.young(order.updatedAt())) || txLines.stream().anyMatch(l -> run.young(l.updatedAt()))
                || txFreezes.stream().anyMatch(f -> run.young(f.updatedAt()))) {
            return; // a branch moved within the grace period: in flight, or just finished by the coordinator
        }
        TransactionBranches branches = new TransactionBranches(ownBranch ? order.status() : null, payment,
                txLines.stream().map(ReservationAuditResponse::status).toList(),
                txFreezes.stream().map(FreezeAuditResponse::status).toList());
        Verdict verdict = branches.verdict();
        if (verdict == Verdict.SETTLED) {
            return;
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("xid", xid);
        evidence.put("transaction", payment ? "payment" : "placement");
        evidence.put("order", ownBranch ? order.status() : order == null ? "missing" : "not of this transaction");
        evidence.put("stock", branches.stockStatuses());
        evidence.put("funds", branches.freezeStatuses());
        evidence.put("verdict", verdict.name());
        if (verdict == Verdict.CONTRADICTION) {
            findings.flagged(run, FindingKind.CONTRADICTORY_BRANCHES, Subject.ORDER, orderNo, evidence,
                    "one branch was confirmed and another cancelled: no single safe action");
            return;
        }
        TransactionStatusResponse coordinator;
        try {
            coordinator = owners.coordinatorSays(xid);
        } catch (RuntimeException e) {
            findings.open(run, FindingKind.ABANDONED_TRANSACTION, Subject.ORDER, orderNo, evidence, "NONE",
                    "the coordinator could not be asked: " + e.getMessage());
            return;
        }
        evidence.put("coordinator", coordinator.status());
        if (coordinator.active()) {
            findings.flagged(run, FindingKind.TRANSACTION_STILL_RETRYING, Subject.ORDER, orderNo, evidence,
                    "the coordinator still drives phase two (" + coordinator.status() + "); left to it");
            return;
        }
        boolean commit = verdict == Verdict.COMMIT;
        String action = commit ? "COMMIT_BRANCHES" : "ROLLBACK_BRANCHES";
        List<String> results = new ArrayList<>();
        boolean reached = true;
        try {
            // Every branch moves in the verdict's direction, so a partial repair never changes the next run's verdict.
            if (branches.stockOpen()) {
                String status = owners.settleStock(orderNo, xid, commit).status();
                results.add("stock " + status);
                reached &= commit ? List.of("SOLD", "HELD").contains(status) : List.of("CANCELLED", "HELD").contains(status);
            }
            if (branches.freezeOpen()) {
                String status = owners.settleFreeze(orderNo, xid, commit).status();
                results.add("funds " + status);
                reached &= status.equals(commit ? "DEBITED" : "UNFROZEN");
            }
            if (branches.orderOpen()) {
                String status = owners.settleOrder(orderNo, xid, commit).status();
                results.add("order " + status);
                reached &= commit ? List.of("PAID", "AWAITING_PAYMENT", "EXPIRED").contains(status)
                        : List.of("REJECTED", "AWAITING_PAYMENT", "EXPIRED").contains(status);
            }
        } catch (RuntimeException e) {
            findings.open(run, FindingKind.ABANDONED_TRANSACTION, Subject.ORDER, orderNo, evidence, action,
                    String.join(", ", results) + (results.isEmpty() ? "" : "; ") + "failed: " + e.getMessage());
            return;
        }
        if (reached) {
            findings.repaired(run, FindingKind.ABANDONED_TRANSACTION, Subject.ORDER, orderNo, evidence, action,
                    String.join(", ", results));
        } else {
            findings.open(run, FindingKind.ABANDONED_TRANSACTION, Subject.ORDER, orderNo, evidence, action,
                    "an owner refused the step: " + String.join(", ", results));
        }
    }

    /** PLACING or PAYING: an order whose own global transaction is still to end (check 1 looks at those). */
    private static boolean open(String orderStatus) {
        return orderStatus != null && OPEN_ORDERS.contains(orderStatus);
    }

    // ---- 2. money debited for orders that are not paid --------------------------------------------------------

    private void debitsOfUnpaidOrders(RunContext run) {
        String cursor = null;
        do {
            FreezeAuditPageResponse page = owners.freezePage(cursor, properties.pageSize(), List.of("DEBITED"),
                    run.cutoff());
            run.checked(page.freezes().size());
            Map<String, OrderAuditResponse> orders = owners.orders(
                    page.freezes().stream().map(FreezeAuditResponse::orderNo).distinct().toList());
            for (FreezeAuditResponse debit : page.freezes()) {
                OrderAuditResponse order = orders.get(debit.orderNo());
                String status = order == null ? null : order.status();
                if ("PAID".equals(status) || debit.refunded() || (order != null && run.young(order.updatedAt()))
                        || open(status)) {
                    continue; // paid, refunded already, in flight, or an abandoned transaction (check 1)
                }
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("order", status == null ? "missing" : status);
                evidence.put("debit", debit.amount().toPlainString());
                evidence.put("user", debit.userId());
                evidence.put("xid", debit.xid());
                if (!LiveOrders.endedUnpaid(status)) {
                    findings.flagged(run, FindingKind.DEBIT_WITHOUT_PAID_ORDER, Subject.ORDER, debit.orderNo(),
                            evidence, "the order is " + status + " with its money taken: no single safe action");
                    continue;
                }
                try {
                    RefundResponse refund = owners.refund(debit.orderNo(), debit.userId(), debit.amount(),
                            "reconciliation run " + run.runId() + ": order " + evidence.get("order"));
                    findings.repaired(run, FindingKind.DEBIT_WITHOUT_PAID_ORDER, Subject.ORDER, debit.orderNo(),
                            evidence, "REFUND", "refund entry " + refund.entryId() + " of " + refund.amount()
                                    + (refund.replayed() ? " (made before)" : ""));
                } catch (RuntimeException e) {
                    findings.open(run, FindingKind.DEBIT_WITHOUT_PAID_ORDER, Subject.ORDER, debit.orderNo(), evidence,
                            "REFUND", "failed: " + e.getMessage());
                }
            }
            run.pageDone();
            cursor = page.nextCursor();
        } while (cursor != null);
    }

    // ---- 3. stock held or sold for orders that are not live or not paid -----------------------------------------

    private void holdsAndSalesOfDeadOrders(RunContext run) {
        holdsAndSalesOfDeadOrders(run, "HELD");
        holdsAndSalesOfDeadOrders(run, "SOLD");
    }

    private void holdsAndSalesOfDeadOrders(RunContext run, String status) {
        String cursor = null;
        String lastOrder = null;
        do {
            ReservationAuditPageResponse page = owners.reservationPage(cursor, properties.pageSize(),
                    List.of(status), run.cutoff());
            run.checked(page.reservations().size());
            Map<String, List<ReservationAuditResponse>> byOrder = new LinkedHashMap<>();
            for (ReservationAuditResponse line : page.reservations()) {
                byOrder.computeIfAbsent(line.orderNo(), n -> new ArrayList<>()).add(line);
            }
            byOrder.remove(lastOrder); // its lines straddled two pages: judged with the first
            Map<String, OrderAuditResponse> orders = owners.orders(byOrder.keySet());
            byOrder.forEach((orderNo, lines) -> judgeStock(run, orderNo, lines, orders.get(orderNo)));
            if (!page.reservations().isEmpty()) {
                lastOrder = page.reservations().get(page.reservations().size() - 1).orderNo();
            }
            run.pageDone();
            cursor = page.nextCursor();
        } while (cursor != null);
    }

    private void judgeStock(RunContext run, String orderNo, List<ReservationAuditResponse> lines,
            OrderAuditResponse order) {
        String status = order == null ? null : order.status();
        if ((order != null && run.young(order.updatedAt())) || open(status)) {
            return;
        }
        boolean held = lines.stream().anyMatch(line -> "HELD".equals(line.status()));
        boolean sold = lines.stream().anyMatch(line -> "SOLD".equals(line.status()));
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("order", status == null ? "missing" : status);
        evidence.put("lines", lines.stream().map(l -> l.skuId() + " x" + l.quantity() + " " + l.status()).toList());
        if (held && !LiveOrders.live(status)) {
            try {
                String after = owners.releaseHold(orderNo).status();
                if ("RELEASED".equals(after)) {
                    findings.repaired(run, FindingKind.HOLD_WITHOUT_LIVE_ORDER, Subject.ORDER, orderNo, evidence,
                            "RELEASE_HOLD", "reservation " + after);
                } else {
                    findings.open(run, FindingKind.HOLD_WITHOUT_LIVE_ORDER, Subject.ORDER, orderNo, evidence,
                            "RELEASE_HOLD", "reservation is " + after + "; retried next run");
                }
            } catch (RuntimeException e) {
                findings.open(run, FindingKind.HOLD_WITHOUT_LIVE_ORDER, Subject.ORDER, orderNo, evidence,
                        "RELEASE_HOLD", "failed: " + e.getMessage());
            }
        }
        if (sold && !"PAID".equals(status)) {
            findings.flagged(run, FindingKind.SALE_WITHOUT_PAID_ORDER, Subject.ORDER, orderNo, evidence,
                    "stock was sold for an order that is " + evidence.get("order")
                            + ": the goods may have left; a person decides");
        }
    }

    // ---- 4. paid orders without their debit or sale; unpaid orders long past their deadline --------------------

    private void paidAndOverdueOrders(RunContext run) {
        paidAndOverdueOrders(run, "PAID");
        paidAndOverdueOrders(run, "AWAITING_PAYMENT");
    }

    private void paidAndOverdueOrders(RunContext run, String status) {
        String cursor = null;
        do {
            OrderAuditPageResponse page = owners.orderPage(cursor, properties.pageSize(), List.of(status),
                    run.cutoff());
            run.checked(page.orders().size());
            List<String> paid = page.orders().stream().filter(o -> "PAID".equals(o.status()))
                    .map(OrderAuditResponse::orderNo).toList();
            Map<String, List<FreezeAuditResponse>> freezes = owners.freezes(paid);
            Map<String, List<ReservationAuditResponse>> lines = owners.reservations(paid);
            for (OrderAuditResponse order : page.orders()) {
                if ("PAID".equals(order.status())) {
                    judgePaid(run, order, freezes.getOrDefault(order.orderNo(), List.of()),
                            lines.getOrDefault(order.orderNo(), List.of()));
                } else if (order.expiresAt() != null && order.expiresAt().isBefore(run.cutoff())) {
                    Map<String, Object> evidence = new LinkedHashMap<>();
                    evidence.put("order", order.status());
                    evidence.put("expiresAt", order.expiresAt().toString());
                    findings.flagged(run, FindingKind.OVERDUE_UNPAID_ORDER, Subject.ORDER, order.orderNo(), evidence,
                            "still awaiting payment more than the grace period after its deadline: the expiry "
                                    + "layers of order-service are not working");
                }
            }
            run.pageDone();
            cursor = page.nextCursor();
        } while (cursor != null);
    }

    private void judgePaid(RunContext run, OrderAuditResponse order, List<FreezeAuditResponse> freezes,
            List<ReservationAuditResponse> lines) {
        if (freezes.stream().anyMatch(f -> run.young(f.updatedAt()))
                || lines.stream().anyMatch(l -> run.young(l.updatedAt()))) {
            return;
        }
        List<FreezeAuditResponse> debits = freezes.stream().filter(f -> "DEBITED".equals(f.status())).toList();
        boolean pendingFunds = freezes.stream().anyMatch(f -> "TRYING".equals(f.status()));
        if ((debits.size() != 1 || debits.get(0).refunded()) && !pendingFunds) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("order", order.status());
            evidence.put("total", order.total().toPlainString());
            evidence.put("freezes", freezes.stream().map(f -> f.status() + " " + f.amount().toPlainString()
                    + (f.refunded() ? " refunded" : "")).toList());
            findings.flagged(run, FindingKind.PAID_ORDER_WITHOUT_DEBIT, Subject.ORDER, order.orderNo(), evidence,
                    debits.isEmpty() ? "paid without any debit" : "its debit was refunded");
        }
        boolean pendingStock = lines.stream().anyMatch(l -> OPEN_STOCK.contains(l.status()));
        if ((lines.isEmpty() || lines.stream().anyMatch(l -> !"SOLD".equals(l.status()))) && !pendingStock) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("order", order.status());
            evidence.put("lines", lines.stream().map(l -> l.skuId() + " x" + l.quantity() + " " + l.status()).toList());
            findings.flagged(run, FindingKind.PAID_ORDER_WITHOUT_SOLD_STOCK, Subject.ORDER, order.orderNo(), evidence,
                    lines.isEmpty() ? "paid without any stock reserved" : "paid but not all its stock is sold");
        }
    }

    // ---- 5. invariants: wallets against ledgers, SKUs against reservations ------------------------------------

    private void walletsAgainstLedgers(RunContext run) {
        String cursor = null;
        do {
            WalletAuditPageResponse page = owners.walletPage(cursor, properties.pageSize());
            run.checked(page.wallets().size());
            for (WalletAuditResponse wallet : page.wallets()) {
                if (!wallet.consistent()) {
                    Map<String, Object> evidence = new LinkedHashMap<>();
                    evidence.put("available", wallet.available().toPlainString());
                    evidence.put("frozen", wallet.frozen().toPlainString());
                    evidence.put("credits", wallet.credits().toPlainString());
                    evidence.put("refunds", wallet.refunds().toPlainString());
                    evidence.put("debits", wallet.debits().toPlainString());
                    evidence.put("freezes", wallet.freezes().toPlainString());
                    evidence.put("unfreezes", wallet.unfreezes().toPlainString());
                    findings.flagged(run, FindingKind.WALLET_LEDGER_MISMATCH, Subject.WALLET, wallet.userId(), evidence,
                            "balance is not the sum of the ledger (available + frozen = credits + refunds - debits, "
                                    + "frozen = freezes - unfreezes - debits)");
                }
            }
            run.pageDone();
            cursor = page.nextCursor();
        } while (cursor != null);
    }

    private void skusAgainstReservations(RunContext run) {
        String cursor = null;
        do {
            SkuAuditPageResponse page = owners.skuPage(cursor, properties.pageSize());
            run.checked(page.skus().size());
            for (SkuAuditResponse sku : page.skus()) {
                if (!sku.consistent()) {
                    Map<String, Object> evidence = new LinkedHashMap<>();
                    evidence.put("onHand", sku.onHand());
                    evidence.put("reserved", sku.reserved());
                    evidence.put("sold", sku.sold());
                    evidence.put("reservedByReservations", sku.reservedByReservations());
                    evidence.put("soldByReservations", sku.soldByReservations());
                    findings.flagged(run, FindingKind.SKU_FIGURES_MISMATCH, Subject.SKU, sku.skuId(), evidence,
                            "reserved must equal the units of live reservations and sold those of sales");
                }
            }
            run.pageDone();
            cursor = page.nextCursor();
        } while (cursor != null);
    }
}
