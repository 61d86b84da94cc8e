package com.orderpay.gateway.request;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The log context of one exchange (request id, trace id, span id), put into the MDC around the gateway's own log
 * lines and taken from the exchange itself. Reactor does not restore thread locals on every operator hop here
 * ({@code spring.reactor.context-propagation} stays {@code limited}): doing so cost about a quarter of the gateway's
 * CPU per request (bench/RESULTS.md), for the few lines the gateway writes per request.
 */
public final class ExchangeLogContext implements AutoCloseable {

    static final String TRACE_ID = "traceId";
    static final String SPAN_ID = "spanId";

    /** What each key held before, restored on close (a line logged inside another's context keeps it). */
    private final Map<String, String> previous = new LinkedHashMap<>(4);

    private ExchangeLogContext() {
    }

    /** Puts the exchange's request id and the trace of its server observation into the MDC until closed. */
    public static ExchangeLogContext of(ServerWebExchange exchange) {
        ExchangeLogContext context = new ExchangeLogContext();
        context.put(RequestIdFilter.MDC_KEY, RequestIdFilter.requestId(exchange));
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(observation -> observation.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(Span::context)
                .ifPresent(trace -> context.putTrace(trace));
        return context;
    }

    private void putTrace(TraceContext trace) {
        put(TRACE_ID, trace.traceId());
        put(SPAN_ID, trace.spanId());
    }

    private void put(String key, String value) {
        if (value != null) {
            previous.putIfAbsent(key, MDC.get(key));
            MDC.put(key, value);
        }
    }

    /** Puts back what the MDC held before. */
    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
