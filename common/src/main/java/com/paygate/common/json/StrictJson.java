package com.paygate.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies are bound strictly where leniency would change what the caller meant: a fractional number for a
 * whole-number field ({@code "quantity": 1.5}, {@code "amountFen": 0.5}) is refused rather than truncated, an
 * enum is named, never given as an ordinal ({@code "channel": 1}), and a field named twice
 * ({@code "quantity": 1, "quantity": 2}) is refused rather than silently taking the last value. All answer 400
 * through {@code ProblemMappers}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
