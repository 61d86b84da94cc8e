package com.orderpay.platform.request;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Request bodies are taken as they are: no service decodes a content coding. A gzip body used to be read as if its
 * bytes were JSON and refused as malformed; it is a 415 that says so and names what is accepted (RFC 9110 15.5.16).
 */
public class ContentEncodingGuard implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String coding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (request.getDispatcherType() != DispatcherType.REQUEST || coding == null
                || coding.isBlank() || "identity".equalsIgnoreCase(coding.trim())) {
            return true;
        }
        ErrorResponseException refusal = new ErrorResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding "
                        + coding.replaceAll("[^\\x20-\\x7E]", "").trim() + " is not accepted; send the body as it is,"
                        + " without a content coding"), null);
        refusal.getHeaders().set(HttpHeaders.ACCEPT_ENCODING, "identity");
        throw refusal;
    }
}
