package com.paygate.payment.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.paygate.payment.recon.ReconItem;
import com.paygate.payment.recon.ReconRun;
import com.paygate.payment.recon.Reconciliations;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One provider's bill of one day against our records, as the admin API shows it: what the bill adds up to (fees
 * rounded to the fen, net = paid - refunded - fee), per channel, and every difference with how it was settled.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReconRunView(String provider, LocalDate billDate, String state, int attempts, Instant startedAt,
        Instant finishedAt, String error, Money bill, long matched, long differences, long parseMillis,
        List<ChannelMoney> channels, List<Difference> items) {

    @RegisterForReflection
    public record Money(long payments, long paidFen, long refunds, long refundedFen, long feeFen, long netFen) {

        static Money of(long payments, long paidFen, long refunds, long refundedFen, long feeMilliFen) {
            long fee = ReconRunView.feeFen(feeMilliFen);
            return new Money(payments, paidFen, refunds, refundedFen, fee, paidFen - refundedFen - fee);
        }
    }

    @RegisterForReflection
    public record ChannelMoney(String channel, Money money) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Difference(String kind, String paySn, String refundSn, Long billFen, Long ourFen, String ourState,
            String state, String resolution) {

        static Difference of(ReconItem item) {
            return new Difference(item.kind.name(), item.paySn, item.refundSn.isEmpty() ? null : item.refundSn, item.billFen,
                    item.ourFen, item.ourState, item.state.name(), item.resolution);
        }
    }

    static ReconRunView of(ReconRun run, List<Reconciliations.ChannelTotal> totals, List<ReconItem> items) {
        return new ReconRunView(run.provider, run.billDate, run.state.name(), run.attempts, run.startedAt, run.finishedAt,
                run.error, Money.of(run.billPayments, run.billPaidFen, run.billRefunds, run.billRefundedFen, run.billFeeMilliFen),
                run.matched, run.differences, run.parseMillis,
                totals.stream().filter(t -> t.runId() == run.id).map(t -> new ChannelMoney(t.channel(),
                        Money.of(t.payments(), t.paidFen(), t.refunds(), t.refundedFen(), t.feeMilliFen()))).toList(),
                items.stream().filter(i -> i.runId == run.id).map(Difference::of).toList());
    }

    /** Bills state fees to 0.00001 yuan (a thousandth of a fen); shown rounded half up to the fen. */
    static long feeFen(long feeMilliFen) {
        return BigDecimal.valueOf(feeMilliFen).divide(BigDecimal.valueOf(1000), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
