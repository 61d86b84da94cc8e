package com.orderpay.platform.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Actuator answers some refusals with a status and no body ({@code /actuator/health/nope} is a bare 404, as is
 * {@code /actuator/metrics/no.such.meter}). Those become the container's error dispatch, so they are problem+json like
 * every other 4xx; an answer that has a body (a DOWN health's 503, say) is left as it is. Registered for
 * {@code /actuator/*} only.
 */
public class ActuatorErrorProblems extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BodyWatch watched = new BodyWatch(response);
        chain.doFilter(request, watched);
        if (response.getStatus() >= 400 && !watched.bodyStarted && !response.isCommitted()) {
            response.sendError(response.getStatus());
        }
    }

    private static final class BodyWatch extends HttpServletResponseWrapper {

        private boolean bodyStarted;

        BodyWatch(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            bodyStarted = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            bodyStarted = true;
            return super.getWriter();
        }
    }
}
