package com.orderpay.inventory.component;

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
 * A real fault in phase two: another transaction holds the SKU's row lock, so the service's Confirm (or
 * Cancel) times out waiting for it ({@code innodb_lock_wait_timeout} of the service's connections is short in
 * these tests), rolls back, and is reported as retryable. The coordinator delivers it again until it lands once.
 */
class PhaseTwoRetryTest extends InventoryComponentTest {

    private static final Duration FAILING_FOR = Duration.ofSeconds(20);

    @Test
    void theCoordinatorRetriesAFailedConfirmUntilItLandsOnce() throws Exception {
        String sku = skuWith(10);
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("confirm-retry");
        assertThat(reserve(tx.getXid(), orderNo, "SALE", new Line(sku, 3)).statusCode()).isEqualTo(200);
        double failedBefore = phaseTwoCount("reserve", "confirm", "failed");

        try (Connection blocker = lockSkuRow(sku)) {
            tx.commit();

            // at least two deliveries failed (the first and a retry) while the lock is held, and nothing moved
            await().atMost(FAILING_FOR).until(() -> phaseTwoCount("reserve", "confirm", "failed") >= failedBefore + 2);
            assertThat(fenceStatuses(tx.getXid())).containsExactly(1);
            assertThat(reservationStatuses(orderNo)).containsExactly("TRYING");
            blocker.rollback();
        }

        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> {
            assertThat(fenceStatuses(tx.getXid())).containsExactly(2);
            assertThat(reservationStatuses(orderNo)).containsExactly("SOLD");
        });
        assertThat(figures(sku)).isEqualTo(new Figures(7, 0, 3));
        // and it stays that way: later deliveries, if any, are absorbed
        Thread.sleep(1_500);
        assertThat(figures(sku)).isEqualTo(new Figures(7, 0, 3));
    }

    @Test
    void theCoordinatorRetriesAFailedCancelUntilItLandsOnce() throws Exception {
        String sku = skuWith(10);
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("cancel-retry");
        assertThat(reserve(tx.getXid(), orderNo, "SALE", new Line(sku, 4)).statusCode()).isEqualTo(200);
        double failedBefore = phaseTwoCount("reserve", "cancel", "failed");

        try (Connection blocker = lockSkuRow(sku)) {
            tx.rollback();

            await().atMost(FAILING_FOR).until(() -> phaseTwoCount("reserve", "cancel", "failed") >= failedBefore + 2);
            assertThat(fenceStatuses(tx.getXid())).containsExactly(1);
            assertThat(reservationStatuses(orderNo)).containsExactly("TRYING");
            blocker.rollback();
        }

        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> {
            assertThat(fenceStatuses(tx.getXid())).containsExactly(3);
            assertThat(reservationStatuses(orderNo)).containsExactly("CANCELLED");
        });
        assertThat(figures(sku)).isEqualTo(new Figures(10, 0, 0));
        Thread.sleep(1_500);
        assertThat(figures(sku)).isEqualTo(new Figures(10, 0, 0));
    }

    /** An open transaction holding the SKU row's exclusive lock, as a long-running report or a DBA might. */
    private static Connection lockSkuRow(String sku) throws Exception {
        Connection connection = DriverManager.getConnection(jdbcUrl(), "root", "");
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement("SELECT on_hand FROM sku WHERE sku_id = ? FOR UPDATE")) {
            lock.setString(1, sku);
            try (ResultSet rs = lock.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
        }
        return connection;
    }
}
