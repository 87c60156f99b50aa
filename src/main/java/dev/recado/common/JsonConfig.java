package dev.recado.common;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.EnumFeature;

/**
 * The API's JSON conventions in one place: snake_case fields, enums by their lower-case wire names,
 * and unknown or mistyped fields refused rather than silently dropped (a typo such as
 * {@code fist_name} must not create a contact without a name). Scalars are strict: a number is
 * not a string, a boolean or an enum, and no string carries a NUL ({@link StrictScalars}).
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfig {

    @Bean
    JsonMapperBuilderCustomizer recadoJsonConventions() {
        return builder -> builder
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(EnumFeature.READ_ENUMS_USING_TO_STRING)
                // strict typing: no enum ordinals, no 1 for true or "5" for 5, strings only from strings
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(StrictScalars.module())
                .enable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
                // amounts are stripped of trailing zeros: without this, 10 would read 1E+1
                .enable(tools.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
    }
}
