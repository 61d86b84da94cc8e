package com.orderpay.inventory.component;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The database server keeps its default isolation (REPEATABLE READ, as a stock MySQL or MariaDB does); the service's
 * own pool runs READ COMMITTED, which Seata's fence needs to stay free of gap-lock deadlocks.
 */
class IsolationTest extends InventoryComponentTest {

    @Test
    void thePoolPinsReadCommittedWhateverTheServerDefault() {
        assertThat(jdbc.queryForObject("SELECT @@global.transaction_isolation", String.class))
                .isEqualTo("REPEATABLE-READ");
        assertThat(jdbc.queryForObject("SELECT @@transaction_isolation", String.class)).isEqualTo("READ-COMMITTED");
    }
}
