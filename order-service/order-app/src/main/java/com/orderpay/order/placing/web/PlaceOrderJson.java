package com.orderpay.order.placing.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.orderpay.order.api.PlaceOrderRequest;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * How a placement's body is read beyond the platform's strict rules: {@code payNow} is {@code true}, {@code false} or
 * left out (then true). An explicit {@code null} is refused: it was taken as the default, so a client whose library
 * writes an unset "pay later" flag as null was charged at once. A mix-in, so the contract module stays free of
 * Jackson's databind.
 */
@Component
class PlaceOrderJson extends SimpleModule {

    PlaceOrderJson() {
        super("orderpay-place-order");
        setMixInAnnotation(PlaceOrderRequest.class, PlaceOrderRequestMixIn.class);
    }

    abstract static class PlaceOrderRequestMixIn {
        @JsonDeserialize(using = PayNowReader.class)
        abstract Boolean payNow();
    }

    static final class PayNowReader extends StdDeserializer<Boolean> {

        PayNowReader() {
            super(Boolean.class);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_TRUE) {
                return Boolean.TRUE;
            }
            if (p.currentToken() == JsonToken.VALUE_FALSE) {
                return Boolean.FALSE;
            }
            return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
        }

        /** The field given as {@code null}. */
        @Override
        public Boolean getNullValue(DeserializationContext ctxt) throws InvalidNullException {
            throw InvalidNullException.from(ctxt, PropertyName.construct("payNow"), ctxt.constructType(Boolean.class));
        }

        /** The field left out: the record's own default (pay now). */
        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }
}
