package dev.recado.common;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Strict readers for the scalars the API takes: a string field accepts only a JSON string (never
 * a number, boolean, array or object) without NUL characters, and a time only an ISO-8601 string
 * (a number such as {@code 1e308} is not a time). Mismatches surface as 422 naming the field.
 */
final class StrictScalars {

    static final String NUL_MESSAGE = "must not contain NUL characters";

    private StrictScalars() {
    }

    static SimpleModule module() {
        return new SimpleModule("recado-strict-scalars")
                .addDeserializer(String.class, new StrictString())
                .addDeserializer(Instant.class, new StrictInstant());
    }

    static final class StrictString extends StdScalarDeserializer<String> {

        StrictString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String value = p.getString();
            if (value.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(p, NUL_MESSAGE, value, String.class);
            }
            return value;
        }
    }

    static final class StrictInstant extends StdScalarDeserializer<Instant> {

        StrictInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String value = p.getString().strip();
            try {
                return Instant.parse(value);
            } catch (DateTimeException notUtc) {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeException e) {
                    throw InvalidFormatException.from(p, "is not an ISO-8601 time", value, Instant.class);
                }
            }
        }
    }
}
