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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * TRACE is served nowhere: a 405 problem like any method a path does not take. Tomcat would refuse it itself with a
 * bare 405 before any filter (so before the internal-credential check); it lets TRACE in now
 * (PlatformAutoConfiguration) and this filter, after the credential check, answers it. It must never go on to the
 * servlet: Spring's dispatcher, even set to dispatch TRACE, falls back to the servlet's echo of the request, its
 * credentials included.
 *
 * <p>Its {@code Allow} names what the path takes, as Spring's own 405 does: the handler mappings are asked for the
 * path without dispatching. A path nothing serves is a 404, as for any other method.
 */
public class TraceRefusal extends OncePerRequestFilter {

    private final ObjectMapper objectMapper;
    private final Supplier<List<HandlerMapping>> handlerMappings;

    /** @param handlerMappings the dispatcher's handler mappings, in its order (asked once per TRACE, when it comes) */
    public TraceRefusal(ObjectMapper objectMapper, Supplier<List<HandlerMapping>> handlerMappings) {
        this.objectMapper = objectMapper;
        this.handlerMappings = handlerMappings;
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
        Optional<Set<String>> allowed = methodsServedAt(request);
        ProblemDetail body = allowed.isPresent()
                ? ProblemTypes.of(ProblemCode.METHOD_NOT_ALLOWED, "Method 'TRACE' is not supported.")
                : ProblemTypes.of(ProblemCode.NOT_FOUND,
                        "Nothing is served at this path (TRACE); see the API's OpenAPI document");
        body.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(body.getStatus());
        allowed.ifPresent(methods -> response.setHeader(HttpHeaders.ALLOW, String.join(", ", methods)));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), body);
    }

    /**
     * The methods a handler takes at this path (with HEAD where GET is, and OPTIONS, which Spring answers for any
     * mapped path), or empty when no mapping knows the path. A mapping that knows the path under other methods says so
     * by refusing the TRACE with the methods it has.
     */
    private Optional<Set<String>> methodsServedAt(HttpServletRequest request) {
        boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
        if (parsedHere) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        try {
            for (HandlerMapping mapping : handlerMappings.get()) {
                try {
                    mapping.getHandler(request);
                } catch (HttpRequestMethodNotSupportedException e) {
                    Set<String> methods = new TreeSet<>();
                    if (e.getSupportedHttpMethods() != null) {
                        e.getSupportedHttpMethods().forEach(method -> methods.add(method.name()));
                    }
                    if (methods.contains(HttpMethod.GET.name())) {
                        methods.add(HttpMethod.HEAD.name());
                    }
                    methods.add(HttpMethod.OPTIONS.name());
                    return Optional.of(methods);
                } catch (Exception e) {
                    // This mapping cannot tell (it fails on a TRACE): ask the next.
                }
            }
            return Optional.empty();
        } finally {
            if (parsedHere) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }
}
