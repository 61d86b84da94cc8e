package com.orderpay.wallet.ledger;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import com.orderpay.wallet.domain.WalletBalance;
import com.orderpay.wallet.domain.WalletLedgerEntry;
import com.orderpay.wallet.persistence.WalletEntity;
import com.orderpay.wallet.persistence.WalletLedgerEntryEntity;
import com.orderpay.wallet.persistence.WalletLedgerEntryMapper;
import com.orderpay.wallet.persistence.WalletMapper;
import java.util.List;
import org.springframework.stereotype.Service;

/** Reading a wallet and its ledger. */
@Service
public class WalletQueries {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final WalletMapper wallets;
    private final WalletLedgerEntryMapper ledger;

    public WalletQueries(WalletMapper wallets, WalletLedgerEntryMapper ledger) {
        this.wallets = wallets;
        this.ledger = ledger;
    }

    /** The user's figures; a user who never had a credit has an empty wallet, not a missing one. */
    public WalletBalance balance(String userId) {
        WalletEntity wallet = wallets.selectById(userId);
        return wallet == null ? WalletBalance.ZERO : wallet.toBalance();
    }

    /** The entries naming an order, oldest first. */
    public List<WalletLedgerEntry> entriesOf(String orderNo) {
        return ledger.ofOrder(orderNo).stream().map(WalletLedgerEntryEntity::toDomain).toList();
    }

    /** Newest first; one extra row tells whether another page follows. */
    public LedgerPage ledger(String userId, int limit, String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "limit must be 1-" + MAX_LIMIT);
        }
        Long before = LedgerCursor.decode(cursor);
        List<WalletLedgerEntry> rows = ledger.page(userId, before, limit + 1).stream()
                .map(WalletLedgerEntryEntity::toDomain).toList();
        if (rows.size() <= limit) {
            return new LedgerPage(rows, null);
        }
        List<WalletLedgerEntry> page = rows.subList(0, limit);
        return new LedgerPage(page, LedgerCursor.after(page.get(limit - 1).entryId()));
    }
}
