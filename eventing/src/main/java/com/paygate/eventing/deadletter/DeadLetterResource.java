package com.paygate.eventing.deadletter;

import com.paygate.common.error.ApiException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Operators' view of this service's dead-letter topics (JWT group {@code admin}): list, and replay into the source
 * topic. On a worker thread: the Kafka clients block.
 */
@Path("/api/admin/dead-letters/{topic}")
@Tag(name = "Dead letters (admin)", description = "Events a consumer could not read, listed and replayed (JWT group admin)")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DeadLetterResource {

    private final DeadLetters deadLetters;

    public DeadLetterResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @Operation(operationId = "listDeadLetters", summary = "The records of one of this service's dead-letter topics")
    @APIResponse(responseCode = "200", description = "The records with their reason and source topic, oldest first")
    @APIResponse(responseCode = "400", description = "INVALID_LIMIT (limit outside 1..1000)")
    @APIResponse(responseCode = "404", description = "DEAD_LETTER_TOPIC_NOT_FOUND (not one of paygate.dead-letters.topics)")
    public List<DeadLetterRecord> list(@PathParam("topic") String topic, @QueryParam("key") String key,
            @QueryParam("limit") Integer limit) {
        int max = limit == null ? 100 : limit;
        if (max < 1 || max > 1000) {
            throw ApiException.badRequest("INVALID_LIMIT", "limit must be within 1..1000");
        }
        return deadLetters.list(topic, key, max);
    }

    /** One record ({@code partition} and {@code offset}) or, without both, every record of the topic. */
    @POST
    @Path("/replay")
    @Operation(operationId = "replayDeadLetters", summary = "Send one record (partition and offset) or all back to their source topic",
            description = "Safe to repeat: the consumers are idempotent, so a replayed event takes effect at most once.")
    @APIResponse(responseCode = "200", description = "The records sent back")
    @APIResponse(responseCode = "400", description = "PARTITION_AND_OFFSET (one given without the other)")
    @APIResponse(responseCode = "404", description = "DEAD_LETTER_TOPIC_NOT_FOUND, DEAD_LETTER_NOT_FOUND (no record at that"
            + " partition and offset)")
    public List<DeadLetterRecord> replay(@PathParam("topic") String topic, @QueryParam("partition") Integer partition,
            @QueryParam("offset") Long offset) {
        if ((partition == null) != (offset == null)) {
            throw ApiException.badRequest("PARTITION_AND_OFFSET", "give both partition and offset, or neither to replay all");
        }
        return deadLetters.replay(topic, partition, offset);
    }
}
