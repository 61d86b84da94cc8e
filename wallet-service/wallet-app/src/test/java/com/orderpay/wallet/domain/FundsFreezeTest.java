package com.orderpay.wallet.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FundsFreezeTest {

    private static FundsFreeze tried() {
        return FundsFreeze.tried("xid-1", 42L, "O-1", "u1", Money.of("7.00")).withId(1L);
    }

    @Test
    void aTriedFreezeIsTrying() {
        FundsFreeze freeze = FundsFreeze.tried("xid-1", 42L, "O-1", "u1", Money.of("7.00"));
        assertThat(freeze.status()).isEqualTo(FreezeStatus.TRYING);
        assertThat(freeze.id()).isNull();
        assertThat(freeze.withId(9L).id()).isEqualTo(9L);
    }

    @Test
    void confirmDebitsATryingFreeze() {
        assertThat(tried().debit()).contains(
                new FreezeTransition(FreezeStatus.TRYING, FreezeStatus.DEBITED, LedgerEntryType.DEBIT));
    }

    @Test
    void cancelUnfreezesATryingFreeze() {
        assertThat(tried().unfreeze()).contains(
                new FreezeTransition(FreezeStatus.TRYING, FreezeStatus.UNFROZEN, LedgerEntryType.UNFREEZE));
    }

    @Test
    void aRepeatedStepIsANoOp() {
        assertThat(tried().in(FreezeStatus.DEBITED).debit()).isEmpty();
        assertThat(tried().in(FreezeStatus.UNFROZEN).unfreeze()).isEmpty();
    }

    @Test
    void aStepAgainstTheOtherFinalStateIsRefused() {
        assertThatThrownBy(() -> tried().in(FreezeStatus.UNFROZEN).debit())
                .isInstanceOfSatisfying(IllegalFreezeTransitionException.class,
                        e -> assertThat(e.status()).isEqualTo(FreezeStatus.UNFROZEN));
        assertThatThrownBy(() -> tried().in(FreezeStatus.DEBITED).unfreeze())
                .isInstanceOfSatisfying(IllegalFreezeTransitionException.class,
                        e -> assertThat(e.status()).isEqualTo(FreezeStatus.DEBITED));
    }

    @Test
    void aFreezeHoldsAPositiveAmount() {
        assertThatThrownBy(() -> FundsFreeze.tried("xid-1", 42L, "O-1", "u1", Money.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
