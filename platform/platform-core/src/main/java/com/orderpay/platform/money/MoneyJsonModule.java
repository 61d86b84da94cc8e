package com.orderpay.platform.money;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Money on the wire is a JSON string with exactly two fraction digits ("12.50"), never a JSON number: a
 * binary floating-point value must not sneak in through a client library. Every {@link BigDecimal} in
 * orderpay is money, so the module applies to the type.
 */
public class MoneyJsonModule extends SimpleModule {

    /** Up to 17 integer digits: fits {@code DECIMAL(19,2)}. */
    static final Pattern MONEY = Pattern.compile("-?\\d{1,17}\\.\\d{2}");

    public MoneyJsonModule() {
        super("orderpay-money");
        addSerializer(BigDecimal.class, new Serializer());
        addDeserializer(BigDecimal.class, new Deserializer());
    }

    static final class Serializer extends JsonSerializer<BigDecimal> {
        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.setScale(2, RoundingMode.UNNECESSARY).toPlainString());
        }
    }

    static final class Deserializer extends JsonDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw InvalidFormatException.from(p,
                        "money must be a string with two fraction digits, like \"12.50\"", p.getText(), BigDecimal.class);
            }
            String text = p.getText(); // as sent: " 1.00" or "1.00\u0000" is not money (trim() also ate controls)
            if (!MONEY.matcher(text).matches()) {
                throw InvalidFormatException.from(p,
                        "money must be a string with two fraction digits, like \"12.50\"", text, BigDecimal.class);
            }
            return new BigDecimal(text);
        }
    }
}
