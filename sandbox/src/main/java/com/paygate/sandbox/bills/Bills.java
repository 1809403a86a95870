package com.paygate.sandbox.bills;

import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.store.Provider;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The providers' daily bills, generated when asked for from the sandbox's trades and refunds with the differences
 * in force. Empty when the day has no rows (the providers then answer "no bill"). Generation is CPU work that grows
 * with the bill (synthetic rows): callers run it on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class Bills {

    private final BillLines lines;
    private final Differences differences;
    private final SandboxIdentity identity;
    private final BillsConfig config;

    public Bills(BillLines lines, Differences differences, SandboxIdentity identity, BillsConfig config) {
        this.lines = lines;
        this.differences = differences;
        this.identity = identity;
        this.config = config;
    }

    public Optional<BillFile> wechatTradeBill(LocalDate date, boolean gzip) {
        return day(Provider.WECHAT, date).map(day -> WechatTradeBillFile.write(day, config.feeRateBasisPoints(), gzip));
    }

    public Optional<BillFile> wechatFundFlowBill(LocalDate date, boolean gzip) {
        return day(Provider.WECHAT, date).map(day -> WechatFundFlowFile.write(day, config.feeRateBasisPoints(), gzip,
                lines.balanceBefore(Provider.WECHAT, date, config.feeRateBasisPoints())));
    }

    public Optional<BillFile> alipayTradeBill(LocalDate date) {
        return day(Provider.ALIPAY, date).map(day -> AlipayBillFile.write(day, identity.id("alipay.seller-id"),
                config.feeRateBasisPoints(), OffsetDateTime.now()));
    }

    private Optional<BillLines.Day> day(Provider provider, LocalDate date) {
        BillLines.Day day = lines.day(provider, date, differences.current());
        return day.empty() ? Optional.empty() : Optional.of(day);
    }
}
