package com.orderpay.wallet.web;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.util.regex.Pattern;

/** A user id in a path: the same shape the gateway gives the caller's own id (api.md). */
public final class UserIds {

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private UserIds() {
    }

    public static String require(String userId) {
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "userId must be 1-64 characters of [A-Za-z0-9_-]");
        }
        return userId;
    }
}
