package com.orderpay.wallet.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.apache.seata.tm.api.GlobalTransaction;
import org.junit.jupiter.api.Test;

/**
 * A real fault in phase two: another transaction holds the wallet's row lock, so the service's Confirm (or
 * Cancel) times out waiting for it ({@code innodb_lock_wait_timeout} of the service's connections is 2 s in these
 * tests), rolls back with its fence update, and is reported as retryable. The coordinator delivers it again until
 * it lands, once.
 */
class PhaseTwoRetryTest extends WalletComponentTest {

    private static final Duration FAILING_FOR = Duration.ofSeconds(20);

    @Test
    void theCoordinatorRetriesAFailedConfirmUntilItLandsOnce() throws Exception {
        String user = userWith("100.00");
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("confirm-retry");
        assertThat(freeze(tx.getXid(), orderNo, user, "33.33").statusCode()).isEqualTo(200);
        double failedBefore = phaseTwoCount("confirm", "failed");

        try (Connection blocker = lockWalletRow(user)) {
            tx.commit();

            // at least two deliveries failed (the first and a retry) while the lock is held, and nothing moved
            await().atMost(FAILING_FOR).until(() -> phaseTwoCount("confirm", "failed") >= failedBefore + 2);
            assertThat(fenceStatuses(tx.getXid())).containsExactly(TRIED);
            assertThat(freezeStatuses(orderNo)).containsExactly("TRYING");
            assertThat(orderLedger(orderNo)).containsExactly("FREEZE 33.33");
            blocker.rollback();
        }

        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> {
            assertThat(fenceStatuses(tx.getXid())).containsExactly(COMMITTED);
            assertThat(freezeStatuses(orderNo)).containsExactly("DEBITED");
        });
        assertThat(figures(user)).isEqualTo(new Figures("66.67", "0.00"));
        assertThat(orderLedger(orderNo)).containsExactly("FREEZE 33.33", "DEBIT 33.33");
        // and it stays that way: later deliveries, if any, are absorbed
        Thread.sleep(1_500);
        assertThat(figures(user)).isEqualTo(new Figures("66.67", "0.00"));
        assertThat(orderLedger(orderNo)).containsExactly("FREEZE 33.33", "DEBIT 33.33");
        assertLedgerInvariants(user);
    }

    @Test
    void theCoordinatorRetriesAFailedCancelUntilItLandsOnce() throws Exception {
        String user = userWith("40.00");
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("cancel-retry");
        assertThat(freeze(tx.getXid(), orderNo, user, "15.50").statusCode()).isEqualTo(200);
        double failedBefore = phaseTwoCount("cancel", "failed");

        try (Connection blocker = lockWalletRow(user)) {
            tx.rollback();

            await().atMost(FAILING_FOR).until(() -> phaseTwoCount("cancel", "failed") >= failedBefore + 2);
            assertThat(fenceStatuses(tx.getXid())).containsExactly(TRIED);
            assertThat(freezeStatuses(orderNo)).containsExactly("TRYING");
            blocker.rollback();
        }

        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> {
            assertThat(fenceStatuses(tx.getXid())).containsExactly(ROLLED_BACK);
            assertThat(freezeStatuses(orderNo)).containsExactly("UNFROZEN");
        });
        assertThat(figures(user)).isEqualTo(new Figures("40.00", "0.00"));
        Thread.sleep(1_500);
        assertThat(figures(user)).isEqualTo(new Figures("40.00", "0.00"));
        assertThat(orderLedger(orderNo)).containsExactly("FREEZE 15.50", "UNFREEZE 15.50");
        assertLedgerInvariants(user);
    }

    /** An open transaction holding the wallet row's exclusive lock, as a long-running report or a DBA might. */
    private static Connection lockWalletRow(String userId) throws Exception {
        Connection connection = DriverManager.getConnection(jdbcUrl(), "root", "");
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT available FROM wallet WHERE user_id = ? FOR UPDATE")) {
            lock.setString(1, userId);
            try (ResultSet rs = lock.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
        }
        return connection;
    }
}
