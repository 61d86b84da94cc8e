package com.orderpay.wallet.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalletBalanceTest {

    private static WalletBalance balance(String available, String frozen) {
        return new WalletBalance(Money.of(available), Money.of(frozen));
    }

    @Test
    void eachEntryTypeMovesTheFiguresItsOwnWay() {
        WalletBalance start = balance("100.00", "10.00");
        assertThat(start.apply(LedgerEntryType.CREDIT, Money.of("5.25"))).isEqualTo(balance("105.25", "10.00"));
        assertThat(start.apply(LedgerEntryType.REFUND, Money.of("5.25"))).isEqualTo(balance("105.25", "10.00"));
        assertThat(start.apply(LedgerEntryType.FREEZE, Money.of("7.00"))).isEqualTo(balance("93.00", "17.00"));
        assertThat(start.apply(LedgerEntryType.UNFREEZE, Money.of("7.00"))).isEqualTo(balance("107.00", "3.00"));
        // a debit takes from frozen, never from available
        assertThat(start.apply(LedgerEntryType.DEBIT, Money.of("7.00"))).isEqualTo(balance("100.00", "3.00"));
    }

    @Test
    void aFreezeMovesMoneyWithoutChangingTheTotal() {
        WalletBalance before = balance("20.00", "0.00");
        WalletBalance after = before.apply(LedgerEntryType.FREEZE, Money.of("20.00"));
        assertThat(after).isEqualTo(balance("0.00", "20.00"));
        assertThat(after.total()).isEqualTo(before.total());
        assertThat(after.apply(LedgerEntryType.UNFREEZE, Money.of("20.00"))).isEqualTo(before);
    }

    @Test
    void aFreezeAboveTheAvailableFundsIsRefusedAndLeavesTheBalanceAsItWas() {
        WalletBalance balance = balance("6.99", "50.00");
        assertThatThrownBy(() -> balance.apply(LedgerEntryType.FREEZE, Money.of("7.00")))
                .isInstanceOfSatisfying(InsufficientBalanceException.class, e -> {
                    assertThat(e.available()).isEqualTo(Money.of("6.99"));
                    assertThat(e.requested()).isEqualTo(Money.of("7.00"));
                });
        assertThat(balance).isEqualTo(balance("6.99", "50.00"));
    }

    @Test
    void moreCannotLeaveFrozenThanIsFrozen() {
        WalletBalance balance = balance("100.00", "5.00");
        assertThatThrownBy(() -> balance.apply(LedgerEntryType.DEBIT, Money.of("5.01")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> balance.apply(LedgerEntryType.UNFREEZE, Money.of("5.01")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEntryMovesAPositiveAmount() {
        assertThatThrownBy(() -> WalletBalance.ZERO.apply(LedgerEntryType.CREDIT, Money.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The invariants the component tests check on the database, on a ledger built by hand. */
    @Test
    void replayingALedgerGivesTheBalanceAndKeepsTheInvariants() {
        List<WalletLedgerEntry> ledger = new ArrayList<>();
        add(ledger, LedgerEntryType.CREDIT, "100.00", null);
        add(ledger, LedgerEntryType.FREEZE, "7.00", "O-1");
        add(ledger, LedgerEntryType.FREEZE, "7.00", "O-2");
        add(ledger, LedgerEntryType.UNFREEZE, "7.00", "O-1");
        add(ledger, LedgerEntryType.FREEZE, "7.00", "O-1");
        add(ledger, LedgerEntryType.DEBIT, "7.00", "O-1");
        add(ledger, LedgerEntryType.REFUND, "7.00", "O-1");
        add(ledger, LedgerEntryType.CREDIT, "0.01", null);

        WalletBalance balance = WalletBalance.replay(ledger);

        assertThat(balance).isEqualTo(balance("93.01", "7.00"));
        // available + frozen = CREDIT + REFUND - DEBIT; frozen = FREEZE - UNFREEZE - DEBIT
        assertThat(balance.total()).isEqualTo(sum(ledger, LedgerEntryType.CREDIT).plus(sum(ledger, LedgerEntryType.REFUND))
                .minus(sum(ledger, LedgerEntryType.DEBIT)));
        assertThat(balance.frozen()).isEqualTo(sum(ledger, LedgerEntryType.FREEZE)
                .minus(sum(ledger, LedgerEntryType.UNFREEZE)).minus(sum(ledger, LedgerEntryType.DEBIT)));
    }

    @Test
    void aLedgerThatFreezesMoneyItNeverHadDoesNotReplay() {
        List<WalletLedgerEntry> ledger = new ArrayList<>();
        add(ledger, LedgerEntryType.CREDIT, "10.00", null);
        add(ledger, LedgerEntryType.FREEZE, "10.01", "O-1");
        assertThatThrownBy(() -> WalletBalance.replay(ledger)).isInstanceOf(InsufficientBalanceException.class);
    }

    private static void add(List<WalletLedgerEntry> ledger, LedgerEntryType type, String amount, String orderNo) {
        ledger.add(new WalletLedgerEntry(ledger.size() + 1, "u1", type, Money.of(amount), orderNo, null, null));
    }

    private static Money sum(List<WalletLedgerEntry> ledger, LedgerEntryType type) {
        return ledger.stream().filter(e -> e.type() == type).map(WalletLedgerEntry::amount).reduce(Money.ZERO, Money::plus);
    }
}
