package com.orderpay.platform.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * TRACE is served nowhere: a 405 problem like any method a path does not take. Tomcat would refuse it itself with a
 * bare 405 before any filter (so before the internal-credential check); it lets TRACE in now
 * (PlatformAutoConfiguration) and this filter, after the credential check, answers it. It must never go on to the
 * servlet: Spring's dispatcher, even set to dispatch TRACE, falls back to the servlet's echo of the request, its
 * credentials included.
 */
public class TraceRefusal extends OncePerRequestFilter {

    private final ObjectMapper objectMapper;

    public TraceRefusal(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"TRACE".equals(request.getMethod());
    }

    /** An error met by a TRACE before this filter is dispatched as a TRACE too: that one must not reach the servlet. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ProblemDetail body = ProblemTypes.of(ProblemCode.METHOD_NOT_ALLOWED, "Method 'TRACE' is not supported.");
        body.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        response.setHeader(HttpHeaders.ALLOW, "GET, HEAD, POST, PUT, OPTIONS");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), body);
    }
}
