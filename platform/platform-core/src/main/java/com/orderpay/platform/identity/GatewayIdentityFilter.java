package com.orderpay.platform.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Services believe nothing that did not come through the gateway or a sibling: every request needs the shared
 * internal credential, except the probes and the metrics scrape ({@code /actuator/health/**},
 * {@code /actuator/prometheus}). {@code /api/**} also needs a well-formed user id, {@code /api/admin/**} the ADMIN
 * role. The path is the canonical one ({@code RequestPathGuard} refused any other form before this filter), and
 * prefixes are compared without regard to case, so no spelling of a path reaches a route past its guard.
 *
 * <p>A caller with the credential is the request's principal, which is what lets the health endpoint show its
 * details to it ({@code show-details: when-authorized}) and to nobody else.
 */
public class GatewayIdentityFilter extends OncePerRequestFilter {

    public static final String CALLER_ATTRIBUTE = Caller.class.getName();
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Principal INTERNAL_CALLER = () -> "orderpay-internal";

    private final byte[] internalToken;
    private final ObjectMapper objectMapper;

    public GatewayIdentityFilter(IdentityProperties properties, ObjectMapper objectMapper) {
        this.internalToken = properties.internalToken().getBytes(StandardCharsets.UTF_8);
        this.objectMapper = objectMapper;
    }

    /** Open without the credential: the probes and the scrape, nothing else. */
    static boolean isOpen(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || path.equals("/actuator/prometheus");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        boolean credentialed = hasInternalToken(request);
        if (isOpen(path)) {
            chain.doFilter(credentialed ? asInternalCaller(request) : request, response);
            return;
        }
        if (!credentialed) {
            reject(request, response, ProblemCode.UNAUTHORIZED, "Requests must come through the gateway");
            return;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("/api/")) {
            String userId = request.getHeader(IdentityHeaders.USER_ID);
            if (userId == null || !USER_ID.matcher(userId).matches()) {
                reject(request, response, ProblemCode.UNAUTHORIZED, "No verified user on the request");
                return;
            }
            Caller caller = new Caller(userId, roles(request.getHeader(IdentityHeaders.USER_ROLES)));
            if (lower.startsWith("/api/admin/") && !caller.isAdmin()) {
                reject(request, response, ProblemCode.FORBIDDEN, "The ADMIN role is required");
                return;
            }
            request.setAttribute(CALLER_ATTRIBUTE, caller);
        }
        chain.doFilter(asInternalCaller(request), response);
    }

    private boolean hasInternalToken(HttpServletRequest request) {
        String token = request.getHeader(IdentityHeaders.INTERNAL_TOKEN);
        return token != null && MessageDigest.isEqual(internalToken, token.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpServletRequest asInternalCaller(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return INTERNAL_CALLER;
            }
        };
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
