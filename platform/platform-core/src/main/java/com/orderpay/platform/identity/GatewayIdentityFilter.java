package com.orderpay.platform.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Services trust identity only from the gateway: {@code /api/**} and {@code /internal/**} need the shared
 * internal credential; {@code /api/**} also needs a well-formed user id, and {@code /api/admin/**} the ADMIN role.
 * Actuator and API docs stay open on the service port (not routed by the gateway).
 */
public class GatewayIdentityFilter extends OncePerRequestFilter {

    public static final String CALLER_ATTRIBUTE = Caller.class.getName();
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final byte[] internalToken;
    private final ObjectMapper objectMapper;

    public GatewayIdentityFilter(IdentityProperties properties, ObjectMapper objectMapper) {
        this.internalToken = properties.internalToken().getBytes(StandardCharsets.UTF_8);
        this.objectMapper = objectMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.startsWith("/api/") || path.startsWith("/internal/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = request.getHeader(IdentityHeaders.INTERNAL_TOKEN);
        if (token == null || !MessageDigest.isEqual(internalToken, token.getBytes(StandardCharsets.UTF_8))) {
            reject(request, response, ProblemCode.UNAUTHORIZED, "Requests must come through the gateway");
            return;
        }
        if (request.getRequestURI().startsWith("/api/")) {
            String userId = request.getHeader(IdentityHeaders.USER_ID);
            if (userId == null || !USER_ID.matcher(userId).matches()) {
                reject(request, response, ProblemCode.UNAUTHORIZED, "No verified user on the request");
                return;
            }
            Caller caller = new Caller(userId, roles(request.getHeader(IdentityHeaders.USER_ROLES)));
            if (request.getRequestURI().startsWith("/api/admin/") && !caller.isAdmin()) {
                reject(request, response, ProblemCode.FORBIDDEN, "The ADMIN role is required");
                return;
            }
            request.setAttribute(CALLER_ATTRIBUTE, caller);
        }
        chain.doFilter(request, response);
    }

    private static Set<String> roles(String header) {
        if (header == null || header.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(header.split(",")).map(String::trim).filter(r -> !r.isEmpty()).collect(Collectors.toSet());
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, ProblemCode code, String detail)
            throws IOException {
        ProblemDetail problem = ProblemTypes.of(code, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(code.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
