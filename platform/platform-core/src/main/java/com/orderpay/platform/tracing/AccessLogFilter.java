package com.orderpay.platform.tracing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request, written inside the request's trace (after the observation filter), so that every hop
 * of an order leaves its trace id, request id and its global transaction's XID: the one it joined on an internal hop
 * (a participant), or the one it began (order-service, the transaction manager). Probes and scrapes are left out.
 */
public class AccessLogFilter extends OncePerRequestFilter {

    /** Seata's MDC key for the XID, as in logging.pattern.correlation. */
    static final String XID_MDC_KEY = "X-TX-XID";
    /** The header an XID travels in between services. */
    static final String XID_HEADER = "TX_XID";
    private static final Logger accessLog = LoggerFactory.getLogger("com.orderpay.access");
    private static final boolean SEATA_PRESENT = ClassUtils.isPresent(
            "org.apache.seata.tm.api.transaction.TransactionHookManager", AccessLogFilter.class.getClassLoader());

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        BegunGlobalTransaction begun = SEATA_PRESENT ? BegunGlobalTransaction.watch() : null;
        try {
            chain.doFilter(request, response);
        } finally {
            String xid = request.getHeader(XID_HEADER);
            if (begun != null) {
                begun.stopWatching();
                if (xid == null) {
                    xid = begun.xid();
                }
            }
            boolean bindXid = xid != null && MDC.get(XID_MDC_KEY) == null;
            if (bindXid) {
                MDC.put(XID_MDC_KEY, xid);
            }
            try {
                accessLog.info("{} {} -> {} in {} ms", request.getMethod(), request.getRequestURI(),
                        response.getStatus(), (System.nanoTime() - started) / 1_000_000);
            } finally {
                if (bindXid) {
                    MDC.remove(XID_MDC_KEY);
                }
            }
        }
    }
}
