package com.orderpay.platform.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error a service answers is {@code application/problem+json} with a {@code type} from {@link ProblemCode}.
 * Framework errors (bad JSON, missing header, validation) become {@code validation-failed} listing the fields.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    /** Jackson's message for a field given twice ({@code spring.jackson.parser.strict-duplicate-detection}). */
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '(.{1,200})'");

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final URI IN_FLIGHT = ProblemTypes.typeOf(ProblemCode.IDEMPOTENCY_KEY_IN_FLIGHT);

    @ExceptionHandler(ProblemException.class)
    public ResponseEntity<ProblemDetail> onProblem(ProblemException ex, HttpServletRequest request) {
        ProblemDetail problem = ProblemTypes.of(ex.code(), ex.getMessage());
        ex.properties().forEach(problem::setProperty);
        return respond(problem, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ProblemDetail> onConstraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
        List<Map<String, String>> errors = ex.getConstraintViolations().stream()
                .map(v -> Map.of("field", lastNode(v.getPropertyPath().toString()), "message", v.getMessage()))
                .toList();
        ProblemDetail problem = ProblemTypes.of(ProblemCode.VALIDATION_FAILED, "Request is not valid");
        problem.setProperty("errors", errors);
        return respond(problem, request);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> onUnexpected(Exception ex, HttpServletRequest request) {
        if (DependencyFailures.isDependencyFailure(ex)) {
            log.warn("Dependency unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), ex.toString());
            return respond(ProblemTypes.of(ProblemCode.SERVICE_UNAVAILABLE,
                    "A dependency is unavailable; retry later with the same Idempotency-Key"), request);
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return respond(ProblemTypes.of(ProblemCode.INTERNAL_ERROR, "Unexpected error; nothing was lost, retry later"),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemDetailsAdvice::fieldError)
                .toList();
        ProblemDetail problem = ProblemTypes.of(ProblemCode.VALIDATION_FAILED, "Request is not valid");
        problem.setProperty("errors", errors);
        return asObject(respond(problem, servletRequest(request)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
                        "field", result.getMethodParameter().getParameterName() == null ? "request"
                                : result.getMethodParameter().getParameterName(),
                        "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        ProblemDetail problem = ProblemTypes.of(ProblemCode.VALIDATION_FAILED, "Request is not valid");
        problem.setProperty("errors", errors);
        return asObject(respond(problem, servletRequest(request)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = unreadableBody(ex);
        return asObject(respond(problem, servletRequest(request)));
    }

    /**
     * What was wrong with a body, in the client's terms (the field and what it should be), never Jackson's own
     * message, which names our classes.
     */
    private static ProblemDetail unreadableBody(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof JsonParseException parse && parse.getLocation() != null) {
            String where = " at line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr();
            Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(parse.getOriginalMessage()));
            if (duplicate.matches()) {
                // Refused, not last-one-wins: which of two amounts the client meant is not ours to guess.
                String field = duplicate.group(1);
                ProblemDetail problem = ProblemTypes.of(ProblemCode.VALIDATION_FAILED,
                        "Field " + field + " appears more than once" + where);
                problem.setProperty("errors", List.of(Map.of("field", field, "message", "appears more than once")));
                return problem;
            }
            return ProblemTypes.of(ProblemCode.VALIDATION_FAILED, "Malformed JSON" + where);
        }
        if (cause instanceof MismatchedInputException trailing
                && String.valueOf(trailing.getOriginalMessage()).startsWith("Trailing token")) {
            return ProblemTypes.of(ProblemCode.VALIDATION_FAILED,
                    "Malformed JSON: the body goes on after the request's JSON value");
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = pathOf(mismatch);
            String message = cause instanceof UnrecognizedPropertyException
                    ? "is not a field of this request"
                    : cause instanceof InvalidNullException
                    ? "must not be null; give a value or leave the field out" + expected(mismatch.getTargetType())
                    : cause instanceof InvalidFormatException || cause instanceof InvalidTypeIdException
                            || mismatch.getTargetType() != null
                            ? "has the wrong type or format" + expected(mismatch.getTargetType())
                            : "is not valid";
            return fieldProblem(field, message);
        }
        if (cause instanceof InputCoercionException outOfRange) {
            // A number too large for its field: Jackson's parser knows no field, the mapping around it does.
            String field = fieldOf(ex);
            String message = "is out of range" + expected(outOfRange.getTargetType());
            if (field == null) {
                return ProblemTypes.of(ProblemCode.VALIDATION_FAILED, "A number in the body " + message);
            }
            return fieldProblem(field, message);
        }
        if (cause instanceof MismatchedInputException) {
            return ProblemTypes.of(ProblemCode.VALIDATION_FAILED, "The request body is missing or is not the JSON object "
                    + "this request takes");
        }
        return ProblemTypes.of(ProblemCode.VALIDATION_FAILED, "Malformed request body");
    }

    /** "Field items[0].quantity is out of range (...)", the field also in {@code errors}. */
    private static ProblemDetail fieldProblem(String field, String message) {
        ProblemDetail problem = ProblemTypes.of(ProblemCode.VALIDATION_FAILED, "Field " + field + " " + message);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }

    private static String pathOf(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("request");
    }

    /** The field the innermost mapping failure with a path names, or null. */
    private static String fieldOf(Throwable failure) {
        String field = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                field = pathOf(mapping);
            }
        }
        return field;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return " (a whole number)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return " (true or false)";
        }
        if (type == java.math.BigDecimal.class) {
            return " (money: a string with two decimals, e.g. \"12.50\")";
        }
        if (type == String.class) {
            return " (text)";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return " (a list)";
        }
        return "";
    }

    /** A path no handler serves: Spring's detail ("No static resource ...") describes its internals, not the API. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return asObject(respond(ProblemTypes.of(ProblemCode.NOT_FOUND,
                "Nothing is served at this path (" + ex.getHttpMethod() + "); see the API's OpenAPI document"),
                servletRequest(request)));
    }

    /** Spring's own 4xx (missing header, bad path variable, 404, 405, ...) keep their status, gain our type. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            ProblemCode code = ProblemCode.forStatus(statusCode);
            problem.setType(code.type());
            problem.setTitle(code.title());
            problem.setInstance(URI.create(servletRequest(request).getRequestURI()));
        }
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, out, statusCode);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpServletRequest request) {
        if (request != null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
        if (problem.getStatus() == 503 || IN_FLIGHT.equals(problem.getType())) {
            // The contract: every 503 says when to retry (a ProblemException of ours as much as a failed dependency),
            // and so does a key still in flight, whose answer is a retry away.
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return response.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) entity;
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest() : null;
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
    }

    private static String lastNode(String path) {
        return path.contains(".") ? path.substring(path.indexOf('.') + 1) : path;
    }
}
