package com.orderpay.platform.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * First line of every service: a path that is not canonical ({@link CanonicalPath}) is a 400 problem before any
 * guard or route sees it, so that the identity filter and Spring MVC always decide on the same path.
 */
public class RequestPathGuard extends OncePerRequestFilter {

    private final ObjectMapper objectMapper;

    public RequestPathGuard(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> problem = CanonicalPath.problemWith(request.getRequestURI());
        if (problem.isPresent()) {
            ProblemDetail body = ProblemTypes.of(ProblemCode.VALIDATION_FAILED, "Request path refused: " + problem.get());
            response.setStatus(400);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            objectMapper.writeValue(response.getOutputStream(), body);
            return;
        }
        chain.doFilter(request, response);
    }
}
