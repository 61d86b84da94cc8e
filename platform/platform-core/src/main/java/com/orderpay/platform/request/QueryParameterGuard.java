package com.orderpay.platform.request;

import com.orderpay.platform.problem.ProblemException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Query parameters are read as strictly as bodies: a parameter that takes one value given twice
 * ({@code ?limit=2&limit=500}) is a 400, not whichever one Spring happens to pick; a yes-or-no parameter is
 * {@code true} or {@code false}, not also Spring's {@code yes}, {@code on} and {@code 1}. Parameters that take a list
 * (the internal batch reads, as Feign repeats them) are left alone.
 */
public class QueryParameterGuard implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
            Class<?> type = parameter.getParameterType();
            if (annotation == null || type.isArray() || Collection.class.isAssignableFrom(type)
                    || Map.class.isAssignableFrom(type)) {
                continue;
            }
            String name = StringUtils.hasText(annotation.name()) ? annotation.name() : parameter.getParameterName();
            String[] values = name == null ? null : request.getParameterValues(name);
            if (values == null) {
                continue;
            }
            if (values.length > 1) {
                throw ProblemException.invalidParameter(name, "is given more than once; give it once");
            }
            if ((type == boolean.class || type == Boolean.class) && !"true".equals(values[0])
                    && !"false".equals(values[0])) {
                throw ProblemException.invalidParameter(name, "must be true or false");
            }
        }
        return true;
    }

}
