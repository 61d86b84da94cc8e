package com.orderpay.compensation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionBranchesTest {

    @Test
    void anyConfirmedBranchProvesTheCommit() {
        assertThat(new TransactionBranches("PLACING", false, List.of("SOLD"), List.of("TRYING")).verdict())
                .isEqualTo(Verdict.COMMIT);
        assertThat(new TransactionBranches("PAID", false, List.of("SOLD"), List.of("TRYING")).verdict())
                .isEqualTo(Verdict.COMMIT);
        assertThat(new TransactionBranches("PAYING", true, List.of("SELLING"), List.of("DEBITED")).verdict())
                .isEqualTo(Verdict.COMMIT);
    }

    @Test
    void withoutAnyConfirmedBranchTheTransactionIsRolledBack() {
        assertThat(new TransactionBranches(null, false, List.of("TRYING"), List.of()).verdict())
                .isEqualTo(Verdict.ROLLBACK);
        assertThat(new TransactionBranches("PLACING", false, List.of("CANCELLED"), List.of("TRYING")).verdict())
                .isEqualTo(Verdict.ROLLBACK);
        assertThat(new TransactionBranches("PAYING", true, List.of("SELLING"), List.of()).verdict())
                .isEqualTo(Verdict.ROLLBACK);
    }

    @Test
    void aConfirmedAndACancelledBranchContradictEachOther() {
        assertThat(new TransactionBranches("REJECTED", false, List.of("SOLD"), List.of("TRYING")).verdict())
                .isEqualTo(Verdict.CONTRADICTION);
    }

    @Test
    void branchesThatAllEndedNeedNothing() {
        assertThat(new TransactionBranches("PAID", false, List.of("SOLD"), List.of("DEBITED")).verdict())
                .isEqualTo(Verdict.SETTLED);
        assertThat(new TransactionBranches("REJECTED", false, List.of("CANCELLED"), List.of("UNFROZEN")).verdict())
                .isEqualTo(Verdict.SETTLED);
    }

    @Test
    void onlyTheBranchesStillOpenAreSettled() {
        TransactionBranches branches = new TransactionBranches("PLACING", false, List.of("SOLD"), List.of("TRYING"));

        assertThat(branches.orderOpen()).isTrue();
        assertThat(branches.stockOpen()).isFalse();
        assertThat(branches.freezeOpen()).isTrue();
    }
}
