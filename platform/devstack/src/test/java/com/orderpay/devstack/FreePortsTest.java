package com.orderpay.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    /** Picked ports are bound later, by other processes: two picks must never name the same port. */
    @Test
    void noPortIsHandedOutTwice() {
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            int port = FreePorts.pick();
            assertThat(picked.add(port)).as("port %d handed out twice", port).isTrue();
            assertThat(FreePorts.listening(port)).as("port %d is free", port).isFalse();
        }
    }
}
