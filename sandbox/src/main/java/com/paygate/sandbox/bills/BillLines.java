package com.paygate.sandbox.bills;

import com.paygate.sandbox.bills.BillLine.Kind;
import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.store.Provider;
import com.paygate.sandbox.store.Refund;
import com.paygate.sandbox.store.RefundState;
import com.paygate.sandbox.store.RefundStore;
import com.paygate.sandbox.store.Trade;
import com.paygate.sandbox.store.TradeState;
import com.paygate.sandbox.store.TradeStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * What a provider's bill for one day (Beijing time) holds: its paid trades and successful refunds whose success time
 * falls on that day, with the differences in force applied. Numbers the sandbox makes up (extra and synthetic rows)
 * are derived from the date and a counter, so the same data and differences give the same bill.
 */
@ApplicationScoped
public class BillLines {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String EXTRA_DESCRIPTION = "Sandbox extra";
    private static final String SYNTHETIC_DESCRIPTION = "Sandbox synthetic";

    private final TradeStore trades;
    private final RefundStore refunds;
    private final SandboxIdentity identity;

    public BillLines(TradeStore trades, RefundStore refunds, SandboxIdentity identity) {
        this.trades = trades;
        this.refunds = refunds;
        this.identity = identity;
    }

    /** A day's rows: the listed ones in time order, then the synthetic ones, made as they are written. */
    public record Day(Provider provider, LocalDate date, List<BillLine> lines, int synthetic, IntFunction<BillLine> syntheticLine) {

        public boolean empty() {
            return lines.isEmpty() && synthetic == 0;
        }

        public void forEach(Consumer<BillLine> action) {
            lines.forEach(action);
            for (int i = 0; i < synthetic; i++) {
                action.accept(syntheticLine.apply(i));
            }
        }
    }

    public Day day(Provider provider, LocalDate date, BillDifferences d) {
        OffsetDateTime from = date.atStartOfDay().atOffset(BillText.CHINA);
        OffsetDateTime to = from.plusDays(1);
        OffsetDateTime noon = from.plusHours(12);
        String day = date.format(DAY);
        Set<String> omitTrades = new HashSet<>(d.omitTrades());
        Set<String> omitRefunds = new HashSet<>(d.omitRefunds());
        List<BillLine> lines = new ArrayList<>();

        for (Trade t : trades.all(provider)) {
            if (t.state() == TradeState.SUCCESS && within(t.successTime(), from, to) && !omitTrades.contains(t.outTradeNo())) {
                lines.add(payment(t, t.transactionId(), t.successTime(), amount(t, d)));
            }
        }
        for (Refund r : refunds.all(provider)) {
            if (r.state() == RefundState.SUCCESS && within(r.successTime(), from, to) && !omitRefunds.contains(r.outRefundNo())) {
                lines.add(refund(provider, trades.find(r.outTradeNo()), r.outTradeNo(), r.transactionId(), r.refundId(),
                        r.outRefundNo(), r.refundFen(), r.successTime(), r.reason()));
            }
        }
        int n = 0;
        for (String outTradeNo : d.reportPaid()) {
            Optional<Trade> unpaid = trades.find(outTradeNo).filter(t -> t.provider() == provider && t.state() != TradeState.SUCCESS);
            if (unpaid.isPresent()) {
                Trade t = unpaid.get();
                String transactionId = t.transactionId() != null ? t.transactionId() : transactionId(provider, day, 3, n);
                lines.add(payment(t, transactionId, noon.plusSeconds(n++), amount(t, d)));
            }
        }
        for (int i = 0; i < d.extraTrades(); i++) {
            String outTradeNo = "XTRA" + day + pad(i + 1, 6);
            lines.add(new BillLine(Kind.PAYMENT, noon.plusSeconds(n), appId(provider), merchantId(provider),
                    transactionId(provider, day, 1, i), outTradeNo, "JSAPI", payer(provider), EXTRA_DESCRIPTION,
                    noon.plusSeconds(n++).minusSeconds(30), (i + 1) * 100L + d.amountDelta().getOrDefault(outTradeNo, 0L), null,
                    null, null));
        }
        for (int i = 0; i < d.extraRefunds().size(); i++) {
            BillDifferences.ExtraRefund extra = d.extraRefunds().get(i);
            Optional<Trade> trade = trades.find(extra.outTradeNo());
            if (trade.isPresent() && trade.get().provider() != provider) {
                continue; // a refund of the other provider's trade: on that provider's bill only
            }
            String transactionId = trade.map(Trade::transactionId).orElse(null);
            if (transactionId == null) {
                transactionId = transactionId(provider, day, 4, i);
            }
            String refundId = provider == Provider.WECHAT ? "503" + day + "9" + pad(i + 1, 17) : transactionId;
            lines.add(refund(provider, trade, extra.outTradeNo(), transactionId, refundId, "XREF" + day + pad(i + 1, 6),
                    extra.refundFen(), noon.plusSeconds(n++), null));
        }
        // Same second, same order every time: the file (and its hash) depends on the data only.
        lines.sort(Comparator.comparing(BillLine::time).thenComparing(BillLine::kind).thenComparing(BillLine::outTradeNo)
                .thenComparing(BillLine::outRefundNo, Comparator.nullsFirst(Comparator.naturalOrder())));
        int synthetic = d.syntheticTrades();
        return new Day(provider, date, List.copyOf(lines), synthetic, i -> syntheticLine(provider, day, from, synthetic, i, d));
    }

    /**
     * What the provider account held before the day: every payment before it less fees, less every refund plus the
     * fee given back (the real records only: the differences change bills, not the past).
     */
    public long balanceBefore(Provider provider, LocalDate date, int feeBasisPoints) {
        OffsetDateTime from = date.atStartOfDay().atOffset(BillText.CHINA);
        long balance = 0;
        for (Trade t : trades.all(provider)) {
            if (t.state() == TradeState.SUCCESS && t.successTime() != null && t.successTime().isBefore(from)) {
                balance += t.totalFen() - BillText.fee(t.totalFen(), feeBasisPoints);
            }
        }
        for (Refund r : refunds.all(provider)) {
            if (r.state() == RefundState.SUCCESS && r.successTime() != null && r.successTime().isBefore(from)) {
                balance -= r.refundFen() - BillText.fee(r.refundFen(), feeBasisPoints);
            }
        }
        return balance;
    }

    private BillLine syntheticLine(Provider provider, String day, OffsetDateTime from, int count, int i, BillDifferences d) {
        // Spread over the day; amounts from 0.01 to 999.99 yuan, varied but reproducible.
        OffsetDateTime at = from.plusSeconds((long) i * 86_400 / count);
        String outTradeNo = "SYN" + day + pad(i + 1, 8);
        long amount = 1 + (i * 7_919L) % 99_999 + d.amountDelta().getOrDefault(outTradeNo, 0L);
        return new BillLine(Kind.PAYMENT, at, appId(provider), merchantId(provider), transactionId(provider, day, 2, i),
                outTradeNo, "NATIVE", payer(provider), SYNTHETIC_DESCRIPTION, at.minusSeconds(20), amount, null, null, null);
    }

    private static long amount(Trade t, BillDifferences d) {
        return t.totalFen() + d.amountDelta().getOrDefault(t.outTradeNo(), 0L);
    }

    private static BillLine payment(Trade t, String transactionId, OffsetDateTime at, long amountFen) {
        return new BillLine(Kind.PAYMENT, at, t.appId(), t.merchantId(), transactionId, t.outTradeNo(), t.tradeType(), payer(t),
                t.description(), t.createdAt(), amountFen, null, null, null);
    }

    private BillLine refund(Provider provider, Optional<Trade> trade, String outTradeNo, String transactionId, String refundId,
            String outRefundNo, long refundFen, OffsetDateTime at, String reason) {
        return new BillLine(Kind.REFUND, at, trade.map(Trade::appId).orElse(appId(provider)),
                trade.map(Trade::merchantId).orElse(merchantId(provider)), transactionId, outTradeNo,
                trade.map(Trade::tradeType).orElse("JSAPI"), trade.map(BillLines::payer).orElse(payer(provider)),
                trade.map(Trade::description).orElse(EXTRA_DESCRIPTION), trade.map(Trade::createdAt).orElse(at.minusDays(1)),
                refundFen, refundId, outRefundNo, reason);
    }

    private static String payer(Trade t) {
        String payer = t.provider() == Provider.WECHAT ? t.payerOpenid() : t.buyerLogonId();
        return payer == null ? "" : payer;
    }

    private static String payer(Provider provider) {
        return provider == Provider.WECHAT ? "oSandboxBillPayer000000000000" : "sbx***@sandbox.example";
    }

    private String appId(Provider provider) {
        return identity.id(provider == Provider.WECHAT ? "wechat.app-id" : "alipay.app-id");
    }

    private String merchantId(Provider provider) {
        return identity.id(provider == Provider.WECHAT ? "wechat.mch-id" : "alipay.seller-id");
    }

    /**
     * A made-up provider trade number in the provider's shape (WeChat 4200+date+16 digits, Alipay date+22001+15
     * digits): "9", then {@code kind} (1 extra, 2 synthetic, 3 reported paid, 4 extra refund's trade), then a counter.
     */
    private static String transactionId(Provider provider, String day, int kind, int index) {
        return provider == Provider.WECHAT ? "4200" + day + "9" + kind + pad(index + 1, 14)
                : day + "22001" + "9" + kind + pad(index + 1, 13);
    }

    private static boolean within(OffsetDateTime time, OffsetDateTime from, OffsetDateTime to) {
        return time != null && !time.isBefore(from) && time.isBefore(to);
    }

    private static String pad(long value, int width) {
        String digits = Long.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
