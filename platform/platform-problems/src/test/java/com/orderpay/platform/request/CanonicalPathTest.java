package com.orderpay.platform.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalPathTest {

    @Test
    void pathsAsRoutesWriteThemAreAccepted() {
        for (String path : new String[] {"/", "/api/orders", "/api/orders/O01ABC-x_y", "/internal/skus",
                "/actuator/health/readiness", "/api/admin/skus/SKU-1/restock"}) {
            assertThat(CanonicalPath.problemWith(path)).as(path).isEmpty();
        }
    }

    @Test
    void everyFormThatRoutingWouldReadDifferentlyIsRefused() {
        for (String path : new String[] {"/%69nternal/wallets/alice", "/api/%61dmin/wallets/me/credits",
                "/api/admin%2Fwallets", "/api/orders;jsessionid=1", "/api/admin;x/skus", "//internal/skus",
                "/api//admin/skus", "/api/./admin/skus", "/api/orders/../admin/skus", "/api/orders/..",
                "/api\\admin", "/api/orders/\u00e9", "/api/orders/a b", "api/orders", "", "/api/orders/%2e%2e",
                "/Internal/skus", "/API/admin/skus/SKU-1"}) {
            assertThat(CanonicalPath.problemWith(path)).as(path).isPresent();
        }
    }
}
