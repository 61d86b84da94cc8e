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
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An API request whose {@code Accept} admits none of the representations the services answer in is a 406 before
 * any work: Spring MVC would only find out after the handler ran, so a payment or a top-up took effect and its
 * client was told 406, a 4xx that reads as "nothing happened" (a retry under a new key would then pay twice).
 */
public class AcceptableAnswerGuard extends OncePerRequestFilter {

    /** What the services' message converters write: JSON, problem+json included (strictRequestBodies). */
    private static final List<MediaType> ANSWERED_IN = List.of(MediaType.APPLICATION_JSON,
            MediaType.APPLICATION_PROBLEM_JSON, new MediaType("application", "*+json"));

    private final ObjectMapper objectMapper;

    public AcceptableAnswerGuard(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !uri.startsWith("/api/") && !uri.startsWith("/internal/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> accept = java.util.Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (accept.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        List<MediaType> wanted;
        try {
            wanted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            refuse(request, response, 400, "Accept header is malformed: " + e.getMediaType());
            return;
        }
        boolean answerable = wanted.stream().anyMatch(type -> type.getQualityValue() > 0
                && ANSWERED_IN.stream().anyMatch(type::isCompatibleWith));
        if (!answerable) {
            refuse(request, response, 406, "This API answers in application/json (problems in application/problem+json); "
                    + "the Accept header admits neither, so nothing was done");
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String detail)
            throws IOException {
        ProblemDetail body = ProblemTypes.of(ProblemCode.VALIDATION_FAILED, detail);
        body.setStatus(status);
        body.setInstance(URI.create(request.getRequestURI())); // canonical: the path guard ran first
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), body);
    }
}
