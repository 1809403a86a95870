package com.paygate.sandbox.bills;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.common.error.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Iterator;

/**
 * Lets tests and scripts make the next daily bills disagree with the merchant's records (sandbox-only API). A POST
 * changes only the fields it names; DELETE (and {@code DELETE /sandbox/faults}) removes every difference.
 */
@Path("/sandbox/bills/differences")
@Produces(MediaType.APPLICATION_JSON)
public class BillDifferencesResource {

    private final Differences differences;
    private final ObjectMapper json;

    public BillDifferencesResource(Differences differences, ObjectMapper json) {
        this.differences = differences;
        this.json = json;
    }

    @GET
    public BillDifferences get() {
        return differences.current();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public BillDifferences change(JsonNode body) throws JsonProcessingException {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("INVALID_DIFFERENCE", "The body is a JSON object of differences");
        }
        // The app's mapper ignores unknown fields; a misspelt difference must not pass silently.
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!BillDifferences.FIELDS.contains(name)) {
                throw ApiException.badRequest("INVALID_DIFFERENCE", "Unknown difference '" + name + "'; known: "
                        + String.join(", ", BillDifferences.FIELDS.stream().sorted().toList()));
            }
        }
        return differences.change(json.treeToValue(body, BillDifferences.class));
    }

    @DELETE
    public BillDifferences reset() {
        return differences.reset();
    }
}
