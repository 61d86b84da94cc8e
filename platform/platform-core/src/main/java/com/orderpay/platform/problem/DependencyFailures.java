package com.orderpay.platform.problem;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a dependency that is down or slow (the database, Redis, the Seata coordinator, a sibling) from a bug. The
 * first is api.md's 503 {@code service-unavailable}, a clear "retry later"; only the second is a 500.
 */
public final class DependencyFailures {

    /** Failures of libraries a service may not have on its class path, by name. */
    private static final Set<String> BY_NAME = Set.of(
            "org.apache.seata.common.exception.FrameworkException",
            "org.apache.seata.core.exception.TransactionException",
            "io.seata.common.exception.FrameworkException",
            "io.seata.core.exception.TransactionException",
            "org.redisson.client.RedisException",
            "feign.RetryableException");

    private DependencyFailures() {
    }

    public static boolean isDependencyFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // I/O anywhere underneath (a connection refused, reset or closed, as Seata's RPC wraps them in plain
            // RuntimeExceptions) and timeouts are the network or a peer failing, not a bug.
            if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
                    || cause instanceof CannotCreateTransactionException || cause instanceof TransactionSystemException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof IOException && !(cause instanceof JacksonException)
                    || cause instanceof TimeoutException || namedDependencyFailure(cause.getClass())) {
                return true;
            }
        }
        return false;
    }

    private static boolean namedDependencyFailure(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (BY_NAME.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }
}
