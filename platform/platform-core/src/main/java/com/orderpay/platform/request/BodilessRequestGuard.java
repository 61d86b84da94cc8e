package com.orderpay.platform.request;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A request with a body for an operation that takes none ({@code POST .../payment} with {@code {"amount":"1.00"}})
 * is a 400, not a request whose body is silently dropped: the caller believes it said something the service never
 * read. No body, or an empty JSON object (what many HTTP clients send by default), passes. Runs before the handler,
 * so before any idempotency record: the refusal changes nothing.
 */
public class BodilessRequestGuard implements HandlerInterceptor {

    private static final Set<String> METHODS_WITH_BODIES = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Enough for {@code {}} with any sensible whitespace; more is something the caller meant. */
    private static final int LOOKED_AT = 256;
    /** A UTF-8 byte order mark may lead, as Jackson allows before a JSON body: the same {@code {}} either way. */
    private static final Pattern NOTHING = Pattern.compile("\\x{FEFF}?\\s*(\\{\\s*})?\\s*");

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod method)
                || !METHODS_WITH_BODIES.contains(request.getMethod())
                || readsItsBody(method) || !hasBody(request)) {
            return true;
        }
        byte[] start;
        try (InputStream in = request.getInputStream()) {
            start = in.readNBytes(LOOKED_AT + 1);
        }
        if (start.length <= LOOKED_AT && NOTHING.matcher(new String(start, StandardCharsets.UTF_8)).matches()) {
            return true;
        }
        throw new ProblemException(ProblemCode.VALIDATION_FAILED, request.getMethod() + " of this resource takes no "
                + "request body, and this one would have been ignored; send none (or {})");
    }

    private static boolean readsItsBody(HandlerMethod method) {
        return Arrays.stream(method.getMethodParameters()).anyMatch(parameter ->
                parameter.hasParameterAnnotation(RequestBody.class)
                        || parameter.hasParameterAnnotation(RequestPart.class)
                        || HttpEntity.class.isAssignableFrom(parameter.getParameterType()));
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }
}
