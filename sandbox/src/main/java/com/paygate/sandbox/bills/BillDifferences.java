package com.paygate.sandbox.bills;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Differences the next bills carry against what the sandbox really recorded, so a merchant's reconciliation can be
 * tested on every kind of mismatch. A bill stays internally consistent (its summary adds up its rows); it only
 * disagrees with the merchant's records. Every field is nullable in a {@code POST /sandbox/bills/differences} body,
 * where a missing field keeps its current value; the effective differences never hold nulls.
 *
 * @param omitTrades out_trade_no of paid trades whose payment row the bill leaves out
 * @param omitRefunds out_refund_no (Alipay: out_request_no) of successful refunds the bill leaves out
 * @param extraTrades that many payment rows, on every bill, for trades that never existed (out_trade_no
 *     {@code XTRA<yyyyMMdd>nnnnnn})
 * @param extraRefunds a successful refund row each for a refund the merchant never made (out_refund_no
 *     {@code XREF<yyyyMMdd>nnnnnn}), of the named trade: on its provider's bill, or on every bill when the
 *     sandbox does not know the trade
 * @param amountDelta out_trade_no to fen added to the amount the trade's payment row states
 * @param reportPaid out_trade_no of trades NOT paid at the sandbox that the bill shows paid on its date
 * @param syntheticTrades that many more valid-looking payment rows on every bill (out_trade_no
 *     {@code SYN<yyyyMMdd>nnnnnnnn}), for benchmarks of big bills
 */
@RegisterForReflection
public record BillDifferences(List<String> omitTrades, List<String> omitRefunds, Integer extraTrades,
        List<ExtraRefund> extraRefunds, Map<String, Long> amountDelta, List<String> reportPaid, Integer syntheticTrades) {

    /** The JSON names a body may use: anything else is refused, so a typo cannot pass for a difference. */
    public static final Set<String> FIELDS = Set.of("omitTrades", "omitRefunds", "extraTrades", "extraRefunds", "amountDelta",
            "reportPaid", "syntheticTrades");

    public static final BillDifferences NONE = new BillDifferences(List.of(), List.of(), 0, List.of(), Map.of(), List.of(), 0);

    /** A refund the bill reports that nobody made. */
    @RegisterForReflection
    public record ExtraRefund(String outTradeNo, Long refundFen) {
    }

    BillDifferences overriddenBy(BillDifferences change) {
        return new BillDifferences(
                change.omitTrades != null ? List.copyOf(change.omitTrades) : omitTrades,
                change.omitRefunds != null ? List.copyOf(change.omitRefunds) : omitRefunds,
                change.extraTrades != null ? change.extraTrades : extraTrades,
                change.extraRefunds != null ? List.copyOf(change.extraRefunds) : extraRefunds,
                change.amountDelta != null ? Map.copyOf(change.amountDelta) : amountDelta,
                change.reportPaid != null ? List.copyOf(change.reportPaid) : reportPaid,
                change.syntheticTrades != null ? change.syntheticTrades : syntheticTrades);
    }
}
