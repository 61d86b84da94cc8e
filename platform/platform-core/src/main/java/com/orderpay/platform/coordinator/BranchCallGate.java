package com.orderpay.platform.coordinator;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.seata.core.context.RootContext;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A call made inside a global transaction (it carries the XID, as a participant's Try does) registers a branch with the
 * coordinator: refused with 503 at once while this process has no channel to it, instead of queuing on Seata's
 * reconnect lock ({@link CoordinatorGate}). The caller rolls back, as for any sibling that is down; nothing was done.
 */
public class BranchCallGate implements HandlerInterceptor {

    private final CoordinatorGate gate;

    public BranchCallGate(CoordinatorGate gate) {
        this.gate = gate;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String xid = request.getHeader(RootContext.KEY_XID);
        if (xid != null && !xid.isBlank() && !gate.open()) {
            throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE, CoordinatorGate.UNAVAILABLE);
        }
        return true;
    }
}
