package com.orderpay.platform.request;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.core.MethodParameter;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Query parameters are read as strictly as bodies. On the API ({@code /api/**}, {@code /internal/**}):
 * <ul>
 * <li>a parameter the operation does not take ({@code POST /api/orders?dryRun=true}, {@code ?stuk=true}) is a 400,
 * not a request run as if it had not been sent;</li>
 * <li>one that takes a single value given twice ({@code ?limit=2&limit=500}) is a 400, not whichever one Spring
 * picks;</li>
 * <li>one given without a value ({@code ?limit=}, {@code ?cursor}) is a 400, not its default as if it had been left
 * out;</li>
 * <li>a yes-or-no one is {@code true} or {@code false}, not also Spring's {@code yes}, {@code on} and {@code 1}.</li>
 * </ul>
 * Parameters that take a list (the internal batch reads, which Feign repeats) may be repeated.
 */
public class QueryParameterGuard implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod method)
                || !onTheApi(request.getRequestURI())) {
            return true;
        }
        Map<String, Integer> given = queryParameters(request.getQueryString());
        Map<String, MethodParameter> taken = new LinkedHashMap<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
            if (annotation != null) {
                taken.put(nameOf(annotation, parameter), parameter);
            }
        }
        for (Map.Entry<String, Integer> parameter : given.entrySet()) {
            String name = parameter.getKey();
            MethodParameter declared = taken.get(name);
            if (declared == null) {
                throw ProblemException.invalidParameter(name, "is not a parameter of this operation"
                        + (taken.isEmpty() ? ", which takes none" : "; it takes " + new TreeSet<>(taken.keySet())));
            }
            Class<?> type = declared.getParameterType();
            if (type.isArray() || Collection.class.isAssignableFrom(type)) {
                continue;
            }
            if (parameter.getValue() > 1) {
                throw ProblemException.invalidParameter(name, "is given more than once; give it once");
            }
            String value = request.getParameter(name);
            if (value == null || value.isEmpty()) {
                throw ProblemException.invalidParameter(name, "is given without a value; give one, or leave the "
                        + "parameter out for its default");
            }
            if ((type == boolean.class || type == Boolean.class) && !"true".equals(value) && !"false".equals(value)) {
                throw ProblemException.invalidParameter(name, "must be true or false");
            }
        }
        return true;
    }

    private static boolean onTheApi(String uri) {
        return uri.startsWith("/api/") || uri.startsWith("/internal/");
    }

    /** Each name in the query string with how many times it is given ({@code ?} alone or {@code &&} give none). */
    static Map<String, Integer> queryParameters(String query) {
        Map<String, Integer> names = new LinkedHashMap<>();
        if (query == null) {
            return names;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name;
            try {
                name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                        "The query string is malformed: a parameter's name has a broken %-escape");
            }
            names.merge(name.isEmpty() ? "(empty)" : name, 1, Integer::sum);
        }
        return names;
    }

    private static String nameOf(RequestParam annotation, MethodParameter parameter) {
        if (StringUtils.hasText(annotation.name())) {
            return annotation.name();
        }
        return StringUtils.hasText(annotation.value()) ? annotation.value() : parameter.getParameterName();
    }
}
