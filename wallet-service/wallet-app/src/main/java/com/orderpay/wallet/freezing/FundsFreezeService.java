package com.orderpay.wallet.freezing;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import com.orderpay.wallet.domain.FreezeTransition;
import com.orderpay.wallet.domain.FundsFreeze;
import com.orderpay.wallet.domain.IllegalFreezeTransitionException;
import com.orderpay.wallet.domain.LedgerEntryType;
import com.orderpay.wallet.domain.Money;
import com.orderpay.wallet.domain.WalletBalance;
import com.orderpay.wallet.persistence.FundsFreezeEntity;
import com.orderpay.wallet.persistence.FundsFreezeMapper;
import com.orderpay.wallet.persistence.WalletEntity;
import com.orderpay.wallet.persistence.WalletLedgerEntryEntity;
import com.orderpay.wallet.persistence.WalletLedgerEntryMapper;
import com.orderpay.wallet.persistence.WalletMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Freezing funds for orders and finishing the freeze. Each method is one local transaction; inside a TCC phase it
 * joins the fence's transaction, so the fence row, the wallet figures, the freeze and its ledger entry commit or
 * roll back together.
 */
@Service
public class FundsFreezeService {

    private static final Logger log = LoggerFactory.getLogger(FundsFreezeService.class);

    private final WalletMapper wallets;
    private final FundsFreezeMapper freezes;
    private final WalletLedgerEntryMapper ledger;
    private final Clock clock;

    public FundsFreezeService(WalletMapper wallets, FundsFreezeMapper freezes, WalletLedgerEntryMapper ledger,
            Clock clock) {
        this.wallets = wallets;
        this.freezes = freezes;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Try: one guarded UPDATE moves the amount from available to frozen, or refuses with 409
     * insufficient-balance and nothing written (no wallet counts as an empty one).
     */
    @Transactional
    public FundsFreeze freeze(String xid, long branchId, String orderNo, String userId, Money amount) {
        if (wallets.freeze(userId, amount.value()) != 1) {
            Money available = balanceOf(userId).available();
            throw new ProblemException(ProblemCode.INSUFFICIENT_BALANCE,
                    "Insufficient balance: " + amount + " requested, " + available + " available; nothing was frozen",
                    Map.of("available", available.value(), "requested", amount.value()));
        }
        FundsFreeze freeze = FundsFreeze.tried(xid, branchId, orderNo, userId, amount);
        FundsFreezeEntity row = FundsFreezeEntity.of(freeze);
        try {
            freezes.insert(row);
        } catch (DuplicateKeyException e) {
            if (String.valueOf(e.getMessage()).contains("uk_funds_freeze_live_order")) {
                // the order's money is already frozen or taken; this Try rolls back, the wallet update with it
                throw new ProblemException(ProblemCode.ORDER_NOT_PAYABLE,
                        "Funds for order " + orderNo + " are already frozen or debited; nothing was frozen");
            }
            throw e;
        }
        FundsFreeze stored = freeze.withId(row.getId());
        record(stored, LedgerEntryType.FREEZE);
        return stored;
    }

    /**
     * Confirm of the branch's freeze: the frozen money is debited. Nothing to do if it was debited already. A Confirm
     * for a freeze that does not exist is refused: the fence lets Confirm through only after a Try that succeeded, so
     * a missing freeze means the order would become PAID with no money taken. It fails loudly and the coordinator
     * keeps retrying (and reconciliation flags it) rather than pretend.
     */
    @Transactional
    public FundsFreeze debit(String xid, long branchId) {
        return advance(xid, branchId, FundsFreeze::debit).orElseThrow(() -> {
            log.error("Confirm of branch {} of {}: no freeze exists for it; refusing to report a debit that never "
                    + "happened", branchId, xid);
            return new IllegalStateException("No freeze for branch " + branchId + " of " + xid);
        });
    }

    /** Cancel of the branch's freeze: the money is available again. Nothing to do if the Try froze nothing. */
    @Transactional
    public Optional<FundsFreeze> unfreeze(String xid, long branchId) {
        Optional<FundsFreeze> freeze = advance(xid, branchId, FundsFreeze::unfreeze);
        if (freeze.isEmpty()) {
            log.info("No freeze for branch {} of {}: its Try never froze anything", branchId, xid);
        }
        return freeze;
    }

    /**
     * Reconciliation's phase two for a global transaction the coordinator no longer drives: the order's freeze of
     * that transaction is debited ({@code commit}, its Confirm) or unfrozen (its Cancel), by the same
     * compare-and-set. A freeze already past that step is left as it is; one in the other final state is left too,
     * and answered as it stands for the caller to see the contradiction.
     *
     * @return the freezes of that transaction for the order afterwards; empty when there is none
     */
    @Transactional
    public List<FundsFreeze> settle(String orderNo, String xid, boolean commit) {
        List<FundsFreeze> found = freezes.findByXidAndOrder(xid, orderNo).stream().map(FundsFreezeEntity::toDomain)
                .toList();
        List<FundsFreeze> settled = new ArrayList<>();
        for (FundsFreeze freeze : found) {
            try {
                (commit ? freeze.debit() : freeze.unfreeze()).ifPresent(step -> { });
            } catch (IllegalFreezeTransitionException e) {
                log.warn("Settlement {} of order {} contradicts freeze {}: {}", xid, orderNo, freeze.id(),
                        e.getMessage());
                settled.add(freeze);
                continue;
            }
            FundsFreeze after = commit ? debit(xid, freeze.branchId())
                    : unfreeze(xid, freeze.branchId()).orElse(freeze);
            log.warn("Order {}: freeze {} of {} settled by reconciliation ({})", orderNo, freeze.id(), xid,
                    commit ? "debit" : "unfreeze");
            settled.add(after);
        }
        return settled;
    }

    /**
     * The status compare-and-set first, the wallet and the ledger only if this call won it: a concurrent or
     * repeated delivery of the same step loses the compare-and-set and changes nothing.
     */
    private Optional<FundsFreeze> advance(String xid, long branchId,
            Function<FundsFreeze, Optional<FreezeTransition>> step) {
        FundsFreezeEntity row = freezes.findByBranch(xid, branchId);
        if (row == null) {
            return Optional.empty();
        }
        FundsFreeze freeze = row.toDomain();
        Optional<FreezeTransition> transition = step.apply(freeze);
        if (transition.isEmpty()) {
            return Optional.of(freeze);
        }
        FreezeTransition t = transition.get();
        if (freezes.transition(freeze.id(), t.from().name(), t.to().name()) != 1) {
            log.info("Freeze {} of order {} left {} concurrently; {} skipped", freeze.id(), freeze.orderNo(), t.from(),
                    t.to());
            return Optional.ofNullable(freezes.findByBranch(xid, branchId)).map(FundsFreezeEntity::toDomain);
        }
        int moved = switch (t.entryType()) {
            case DEBIT -> wallets.debitFrozen(freeze.userId(), freeze.amount().value());
            case UNFREEZE -> wallets.unfreeze(freeze.userId(), freeze.amount().value());
            default -> throw new IllegalStateException("A freeze never moves by " + t.entryType());
        };
        if (moved != 1) {
            // The figures disagree with the freeze: refuse and roll back; the coordinator retries, reconciliation sees it.
            throw new IllegalStateException("Wallet of " + freeze.userId() + " has less than " + freeze.amount()
                    + " frozen for order " + freeze.orderNo() + " (" + t.from() + " -> " + t.to() + ")");
        }
        record(freeze, t.entryType());
        return Optional.of(freeze.in(t.to()));
    }

    private void record(FundsFreeze freeze, LedgerEntryType type) {
        ledger.insert(WalletLedgerEntryEntity.of(freeze.userId(), type, freeze.amount(), freeze.orderNo(), freeze.id(),
                null, clock.instant()));
    }

    private WalletBalance balanceOf(String userId) {
        WalletEntity wallet = wallets.selectById(userId);
        return wallet == null ? WalletBalance.ZERO : wallet.toBalance();
    }
}
