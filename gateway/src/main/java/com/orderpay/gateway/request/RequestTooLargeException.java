package com.orderpay.gateway.request;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A request body passed the configured limit: the client's fault, never counted against a downstream. */
public class RequestTooLargeException extends ResponseStatusException {

    public RequestTooLargeException(long limit) {
        super(HttpStatus.PAYLOAD_TOO_LARGE, "Request body is larger than " + limit + " bytes");
    }
}
