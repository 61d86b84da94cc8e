package com.orderpay.platform.feign;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemTypes;
import feign.FeignException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A sibling that cannot be reached (connection refused, read timeout) is a 503, never a 500. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DependencyFailureAdvice {

    private static final Logger log = LoggerFactory.getLogger(DependencyFailureAdvice.class);

    @ExceptionHandler(FeignException.class)
    public ResponseEntity<ProblemDetail> onDependencyFailure(FeignException ex, HttpServletRequest request) {
        log.warn("Dependency call failed: {}", ex.getMessage());
        ProblemDetail problem = ProblemTypes.of(ProblemCode.SERVICE_UNAVAILABLE,
                "A dependency is unavailable; nothing was changed, retry later");
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(503).header("Retry-After", "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
