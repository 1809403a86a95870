package com.paygate.common.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies are bound strictly where leniency would change what the caller meant: a fractional number for a
 * whole-number field ({@code "quantity": 1.5}, {@code "amountFen": 0.5}) is refused rather than truncated, and an
 * enum is named, never given as an ordinal ({@code "channel": 1}). Both answer 400 through {@code ProblemMappers}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }
}
