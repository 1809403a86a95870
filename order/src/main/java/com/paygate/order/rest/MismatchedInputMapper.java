package com.paygate.order.rest;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.paygate.common.error.ProblemMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Quarkus REST ships a mapper for Jackson's {@link MismatchedInputException} (e.g. {@code "quantity": "many"}) that
 * answers plain JSON; it is more specific than the shared {@code JsonProcessingException} mapper and so wins.
 * This sends those errors back to the shared problem format. Belongs in common's ProblemMappers (see README).
 */
public class MismatchedInputMapper {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return problems.malformedJson(e);
    }
}
