package com.orderpay.wallet.refunding;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import com.orderpay.wallet.api.RefundResponse;
import com.orderpay.wallet.domain.LedgerEntryType;
import com.orderpay.wallet.domain.Money;
import com.orderpay.wallet.persistence.WalletLedgerEntryEntity;
import com.orderpay.wallet.persistence.WalletLedgerEntryMapper;
import com.orderpay.wallet.persistence.WalletMapper;
import java.time.Clock;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives back what an order was debited, when reconciliation finds the order was not paid after all. Only an order
 * this wallet debited, only to the user it debited and only that amount; one REFUND entry per order at most (the
 * unique {@code refund_order_no}), written in the same local transaction as the credit to {@code available}.
 */
@Service
public class RefundService {

    private static final Logger log = LoggerFactory.getLogger(RefundService.class);

    private final WalletMapper wallets;
    private final WalletLedgerEntryMapper ledger;
    private final Clock clock;

    public RefundService(WalletMapper wallets, WalletLedgerEntryMapper ledger, Clock clock) {
        this.wallets = wallets;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Transactional
    public RefundResponse refund(String orderNo, String userId, Money amount, String reason) {
        WalletLedgerEntryEntity debit = ledger.findDebit(orderNo);
        if (debit == null || !debit.getUserId().equals(userId) || !Money.of(debit.getAmount()).equals(amount)) {
            throw ProblemException.notFound("A debit of " + amount + " from " + userId + " for order " + orderNo);
        }
        WalletLedgerEntryEntity earlier = ledger.findRefund(orderNo);
        if (earlier != null) {
            return response(earlier, true);
        }
        WalletLedgerEntryEntity entry = WalletLedgerEntryEntity.of(userId, LedgerEntryType.REFUND, amount, orderNo,
                null, null, clock.instant());
        try {
            ledger.insert(entry);
        } catch (DuplicateKeyException e) {
            // A concurrent refund of the same order won: this one changes nothing.
            WalletLedgerEntryEntity winner = ledger.findRefund(orderNo);
            if (winner == null) {
                throw e;
            }
            return response(winner, true);
        }
        if (wallets.credit(userId, amount.value()) != 1) {
            throw new IllegalStateException("Wallet of " + userId + " vanished while being refunded");
        }
        log.warn("Order {}: {} refunded to {} ({})", orderNo, amount, userId, reason);
        return response(entry, false);
    }

    private static RefundResponse response(WalletLedgerEntryEntity entry, boolean replayed) {
        if (entry.getType() != null && !LedgerEntryType.REFUND.name().equals(entry.getType())) {
            throw new ProblemException(ProblemCode.INTERNAL_ERROR, "Entry " + entry.getEntryId() + " is no refund");
        }
        return new RefundResponse(entry.getOrderNo(), entry.getUserId(), entry.getAmount(), entry.getEntryId(),
                entry.getCreatedAt().toInstant(ZoneOffset.UTC), replayed);
    }
}
