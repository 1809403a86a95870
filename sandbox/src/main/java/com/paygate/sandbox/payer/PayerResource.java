package com.paygate.sandbox.payer;

import com.paygate.sandbox.notify.DeliveryAttempt;
import com.paygate.sandbox.notify.DeliveryLog;
import com.paygate.sandbox.store.RefundStore;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Drives and inspects trades from scripts and tests (sandbox-only API, not a provider's). */
@Path("/sandbox")
@Produces(MediaType.APPLICATION_JSON)
public class PayerResource {

    private final PayerService payer;
    private final DeliveryLog deliveries;
    private final RefundStore refunds;

    public PayerResource(PayerService payer, DeliveryLog deliveries, RefundStore refunds) {
        this.payer = payer;
        this.deliveries = deliveries;
        this.refunds = refunds;
    }

    @POST
    @Path("/pay")
    @Consumes(MediaType.APPLICATION_JSON)
    public TradeView pay(@Valid PayRequest request) {
        return TradeView.of(payer.pay(request.outTradeNo(), "SUCCESS".equals(request.outcome()),
                Boolean.TRUE.equals(request.afterClose())));
    }

    @GET
    @Path("/transactions/{outTradeNo}")
    public TradeView trade(@PathParam("outTradeNo") String outTradeNo) {
        return TradeView.of(payer.find(outTradeNo));
    }

    /** The trade's refunds, oldest first (404 for an unknown trade). */
    @GET
    @Path("/transactions/{outTradeNo}/refunds")
    public List<RefundView> refunds(@PathParam("outTradeNo") String outTradeNo) {
        var trade = payer.find(outTradeNo);
        return refunds.ofTrade(trade.provider(), trade.outTradeNo()).stream()
                .sorted(java.util.Comparator.comparing(r -> r.createdAt()))
                .map(RefundView::of).toList();
    }

    @GET
    @Path("/notifications")
    public List<DeliveryAttempt> notifications(@QueryParam("outTradeNo") String outTradeNo) {
        return deliveries.of(outTradeNo);
    }
}
