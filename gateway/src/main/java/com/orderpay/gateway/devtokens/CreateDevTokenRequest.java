package com.orderpay.gateway.devtokens;

import com.orderpay.gateway.identity.Roles;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code {"userId":"u1","roles":["USER"]}}: roles are a non-empty subset of USER and ADMIN. */
public record CreateDevTokenRequest(
        @NotNull @Pattern(regexp = Roles.USER_ID_PATTERN, message = "must be 1-64 characters of [A-Za-z0-9_-]")
        String userId,
        @NotEmpty @Size(max = 2)
        List<@NotNull @Pattern(regexp = "USER|ADMIN", message = "must be USER or ADMIN") String> roles) {
}
