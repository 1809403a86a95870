package com.paygate.sandbox.wxmsg;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Sandbox controls for the message API: what was received, and faults to inject. Not part of WeChat's API. */
@Path("/sandbox")
@Produces(MediaType.APPLICATION_JSON)
public class WxMsgSandboxResource {

    private final WxMsgStore store;

    public WxMsgSandboxResource(WxMsgStore store) {
        this.store = store;
    }

    @GET
    @Path("/messages")
    public List<ReceivedMessage> messages(@QueryParam("touser") String touser, @QueryParam("orderSn") String orderSn) {
        return store.messages().stream()
                .filter(m -> touser == null || touser.equals(m.touser()))
                .filter(m -> orderSn == null || m.concernsOrder(orderSn))
                .toList();
    }

    /**
     * Sets the faults given; absent fields leave the current setting alone. With {@code touser}, failNextSends
     * applies to sends to that openid only. {@code expireTokensNow} invalidates every
     * token issued so far, so the next send answers 40001 and the client must fetch a new one.
     */
    @POST
    @Path("/wxmsg/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    public WxMsgStore.Stats setFaults(Faults faults) {
        if (faults != null) {
            if (Boolean.TRUE.equals(faults.expireTokensNow())) {
                store.expireTokensNow();
            }
            if (faults.failNextSends() != null) {
                if (faults.touser() != null && !faults.touser().isBlank()) {
                    store.setFailNextSendsTo(faults.touser(), faults.failNextSends());
                } else {
                    store.setFailNextSends(faults.failNextSends());
                }
            }
            if (faults.delayMs() != null) {
                store.setDelayMs(faults.delayMs());
            }
        }
        return store.stats();
    }

    @DELETE
    @Path("/wxmsg/faults")
    public WxMsgStore.Stats clearFaults() {
        store.resetFaults();
        return store.stats();
    }

    @GET
    @Path("/wxmsg/stats")
    public WxMsgStore.Stats stats() {
        return store.stats();
    }

    @RegisterForReflection
    /** {@code touser}, when given, limits failNextSends to sends to that openid. */
    public record Faults(Boolean expireTokensNow, Integer failNextSends, Long delayMs, String touser) {
    }
}
