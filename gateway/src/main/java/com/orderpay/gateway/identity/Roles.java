package com.orderpay.gateway.identity;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** The roles of api.md; anything else in a token is ignored. */
public final class Roles {

    public static final String USER = "USER";
    public static final String ADMIN = "ADMIN";
    public static final Set<String> KNOWN = Set.of(USER, ADMIN);
    /** Subject (user id) syntax, as every service checks it on {@code X-User-Id}. */
    public static final String USER_ID_PATTERN = "[A-Za-z0-9_-]{1,64}";

    private Roles() {
    }

    /** The known roles of a {@code roles} claim (a list, or one space- or comma-separated string), sorted. */
    public static Set<String> fromClaim(Object claim) {
        Set<String> roles = new TreeSet<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(value -> addIfKnown(roles, String.valueOf(value)));
        } else if (claim instanceof String value) {
            for (String role : value.split("[\\s,]+")) {
                addIfKnown(roles, role);
            }
        }
        return roles;
    }

    private static void addIfKnown(Set<String> roles, String role) {
        if (KNOWN.contains(role)) {
            roles.add(role);
        }
    }
}
