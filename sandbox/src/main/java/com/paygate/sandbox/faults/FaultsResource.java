package com.paygate.sandbox.faults;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Lets tests and scripts turn provider misbehaviour on and off while the sandbox runs. */
@Path("/sandbox/faults")
@Produces(MediaType.APPLICATION_JSON)
public class FaultsResource {

    private final Faults faults;

    public FaultsResource(Faults faults) {
        this.faults = faults;
    }

    @GET
    public FaultSettings get() {
        return faults.current();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public FaultSettings change(FaultSettings change) {
        return faults.change(change);
    }

    @DELETE
    public FaultSettings reset() {
        return faults.reset();
    }
}
