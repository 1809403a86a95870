package com.paygate.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One topic's contract, its JSON Schema ({@code events/<topic>.schema.json}, shipped in the eventing jar), for the
 * contract tests of both sides: a producer's records must {@link #assertValid validate}; a consumer must accept
 * every {@link #examples() example}. A field renamed on either side fails the build there.
 */
public final class EventContract {

    private final String topic;
    private final JsonObject schema;
    private final Validator validator;

    private EventContract(String topic, JsonObject schema) {
        this.topic = topic;
        this.schema = schema;
        this.validator = Validator.create(JsonSchema.of(schema), new JsonSchemaOptions()
                .setDraft(Draft.DRAFT202012)
                .setBaseUri("https://paygate.local/")
                .setOutputFormat(OutputFormat.Basic));
    }

    public static EventContract of(String topic) {
        String path = "events/" + topic + ".schema.json";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema " + path + " on the classpath (eventing's resources)");
            }
            return new EventContract(topic, new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event types the topic carries (the schema's {@code oneOf}), in schema order. */
    public List<String> types() {
        List<String> types = new ArrayList<>();
        for (Object ref : schema.getJsonArray("oneOf")) {
            String target = ((JsonObject) ref).getString("$ref");
            types.add(target.substring(target.lastIndexOf('/') + 1));
        }
        return types;
    }

    /** Every example of every type, as JSON text (what a consumer reads off the topic), keyed by "TYPE#n". */
    public Map<String, String> examples() {
        Map<String, String> examples = new java.util.LinkedHashMap<>();
        for (String type : types()) {
            JsonArray list = schema.getJsonObject("$defs").getJsonObject(type).getJsonArray("examples", new JsonArray());
            for (int i = 0; i < list.size(); i++) {
                examples.put(type + "#" + i, list.getJsonObject(i).encode());
            }
        }
        return examples;
    }

    /** Fails with the schema's complaints unless {@code json} is a valid record of this topic. */
    public void assertValid(String json) {
        OutputUnit result = validator.validate(new JsonObject(json));
        if (!result.getValid()) {
            String errors = result.getErrors() == null ? "invalid" : result.getErrors().stream()
                    .map(e -> e.getInstanceLocation() + ": " + e.getError())
                    .collect(Collectors.joining("; "));
            throw new AssertionError(topic + " record does not match its schema: " + errors + "\n" + json);
        }
    }

    /** Whether {@code json} validates (for tests that a broken record is refused). */
    public boolean accepts(String json) {
        return validator.validate(new JsonObject(json)).getValid();
    }
}
