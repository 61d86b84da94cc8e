package com.orderpay.platform.identity;

import java.util.Set;

/** The verified caller of a public request, as the gateway passed it on. */
public record Caller(String userId, Set<String> roles) {

    public static final String ADMIN = "ADMIN";
    public static final String USER = "USER";

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }
}
