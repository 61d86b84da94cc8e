package com.orderpay.platform.tracing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request, written inside the request's trace (after the observation filter), so that every hop
 * of an order leaves its trace id, request id and, on the internal hops of a global transaction, its XID.
 * Probes and scrapes are left out.
 */
public class AccessLogFilter extends OncePerRequestFilter {

    /** Seata's MDC key for the XID, as in logging.pattern.correlation. */
    static final String XID_MDC_KEY = "X-TX-XID";
    /** The header an XID travels in between services. */
    static final String XID_HEADER = "TX_XID";
    private static final Logger accessLog = LoggerFactory.getLogger("com.orderpay.access");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            String xid = request.getHeader(XID_HEADER);
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
