package com.paygate.sandbox.faults;

import com.paygate.sandbox.bills.Differences;
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
    private final Differences billDifferences;

    public FaultsResource(Faults faults, Differences billDifferences) {
        this.faults = faults;
        this.billDifferences = billDifferences;
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

    /** Restores the configured defaults, and removes the bill differences too (one call cleans up after a test). */
    @DELETE
    public FaultSettings reset() {
        billDifferences.reset();
        return faults.reset();
    }
}
