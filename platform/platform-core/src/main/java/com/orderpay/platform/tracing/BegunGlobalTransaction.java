package com.orderpay.platform.tracing;

import org.apache.seata.core.context.RootContext;
import org.apache.seata.tm.api.transaction.TransactionHookAdapter;
import org.apache.seata.tm.api.transaction.TransactionHookManager;

/**
 * Notes the XID of a global transaction that a request begins (order-service is the transaction manager). Seata unbinds
 * the XID from the thread, and from the logs' MDC, when the transaction ends, which is before the request's access
 * line is written; without this the line that closes a placement or a payment would carry an empty {@code [xid=]}.
 * Seata's hooks are per thread and cleared at the end of each global transaction; {@link #stopWatching()} clears them
 * for a request that began none. Only loaded where Seata is on the classpath.
 */
final class BegunGlobalTransaction extends TransactionHookAdapter {

    private volatile String xid;

    static BegunGlobalTransaction watch() {
        BegunGlobalTransaction hook = new BegunGlobalTransaction();
        TransactionHookManager.registerHook(hook);
        return hook;
    }

    @Override
    public void afterBegin() {
        xid = RootContext.getXID();
    }

    /** The XID this request began, or null. */
    String xid() {
        return xid;
    }

    void stopWatching() {
        TransactionHookManager.clear();
    }
}
