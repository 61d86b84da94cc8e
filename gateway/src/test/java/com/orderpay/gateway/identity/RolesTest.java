package com.orderpay.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RolesTest {

    @Test
    void keepsOnlyKnownRolesSorted() {
        assertThat(Roles.fromClaim(List.of("USER", "SUPERUSER", "ADMIN", "admin"))).containsExactly("ADMIN", "USER");
    }

    @Test
    void acceptsASpaceOrCommaSeparatedString() {
        assertThat(Roles.fromClaim("USER ADMIN")).containsExactly("ADMIN", "USER");
        assertThat(Roles.fromClaim("USER,ADMIN")).containsExactly("ADMIN", "USER");
    }

    @Test
    void missingOrOddClaimMeansNoRoles() {
        assertThat(Roles.fromClaim(null)).isEmpty();
        assertThat(Roles.fromClaim(42)).isEmpty();
    }
}
