package com.paygate.eventing.transition;

import com.paygate.common.error.ApiException;
import com.paygate.common.error.ProblemMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place a move the table forbids becomes an HTTP answer: 409 ILLEGAL_STATE_TRANSITION, nothing changed. */
public class TransitionProblems {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response illegal(IllegalTransitionException e) {
        return problems.api(ApiException.conflict("ILLEGAL_STATE_TRANSITION", e.getMessage()));
    }
}
