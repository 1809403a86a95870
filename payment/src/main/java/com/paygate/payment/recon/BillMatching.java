package com.paygate.payment.recon;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Matches a staged bill against our records in SQL, one statement per kind of difference, each an INSERT IGNORE
 * into {@code recon_item}: a difference found before (a re-run) keeps its row and its state, so re-running a date
 * changes nothing already settled. Our side of a day is what was paid (payment.paid_at) or refunded
 * (refund.succeeded_at) through the provider between 00:00 and 24:00 China time: the providers' success times,
 * which their bills use too.
 */
@ApplicationScoped
public class BillMatching {

    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final String PAID = "('SUCCESS','REFUND')";
    private static final String ITEM = "INSERT IGNORE INTO recon_item (run_id, kind, pay_sn, refund_sn, bill_fen, our_fen,"
            + " our_state, state, created_at, updated_at) ";

    /** Paid at the provider; unknown here, or not paid here. */
    private static final String PAYMENT_PROVIDER_ONLY = ITEM + "SELECT l.run_id, 'PAYMENT_PROVIDER_ONLY', l.out_trade_no, '',"
            + " l.amount_fen, p.amount_fen, p.state, 'OPEN', ?, ? FROM recon_line l"
            + " LEFT JOIN payment p ON p.pay_sn = l.out_trade_no AND p.provider = ?"
            + " WHERE l.run_id = ? AND l.kind = 'PAYMENT' AND (p.id IS NULL OR p.state NOT IN " + PAID + ")";
    private static final String PAYMENT_AMOUNT_DIFFERS = ITEM + "SELECT l.run_id, 'PAYMENT_AMOUNT_DIFFERS', l.out_trade_no, '',"
            + " l.amount_fen, p.amount_fen, p.state, 'OPEN', ?, ? FROM recon_line l"
            + " JOIN payment p ON p.pay_sn = l.out_trade_no AND p.provider = ?"
            + " WHERE l.run_id = ? AND l.kind = 'PAYMENT' AND p.state IN " + PAID + " AND l.amount_fen <> p.amount_fen";
    /** Paid here on that day, absent from the bill. */
    private static final String PAYMENT_OURS_ONLY = ITEM + "SELECT ?, 'PAYMENT_OURS_ONLY', p.pay_sn, '', NULL, p.amount_fen,"
            + " p.state, 'OPEN', ?, ? FROM payment p WHERE p.provider = ? AND p.paid_at >= ? AND p.paid_at < ?"
            + " AND p.state IN " + PAID + " AND NOT EXISTS (SELECT 1 FROM recon_line l WHERE l.run_id = ?"
            + " AND l.kind = 'PAYMENT' AND l.out_trade_no = p.pay_sn)";
    private static final String REFUND_PROVIDER_ONLY = ITEM + "SELECT l.run_id, 'REFUND_PROVIDER_ONLY', l.out_trade_no,"
            + " l.out_refund_no, l.amount_fen, r.amount_fen, r.state, 'OPEN', ?, ? FROM recon_line l"
            + " LEFT JOIN refund r ON r.refund_sn = l.out_refund_no AND r.pay_sn = l.out_trade_no AND r.provider = ?"
            + " WHERE l.run_id = ? AND l.kind = 'REFUND' AND (r.id IS NULL OR r.state <> 'SUCCESS')";
    private static final String REFUND_AMOUNT_DIFFERS = ITEM + "SELECT l.run_id, 'REFUND_AMOUNT_DIFFERS', l.out_trade_no,"
            + " l.out_refund_no, l.amount_fen, r.amount_fen, r.state, 'OPEN', ?, ? FROM recon_line l"
            + " JOIN refund r ON r.refund_sn = l.out_refund_no AND r.pay_sn = l.out_trade_no AND r.provider = ?"
            + " WHERE l.run_id = ? AND l.kind = 'REFUND' AND r.state = 'SUCCESS' AND l.amount_fen <> r.amount_fen";
    private static final String REFUND_OURS_ONLY = ITEM + "SELECT ?, 'REFUND_OURS_ONLY', r.pay_sn, r.refund_sn, NULL,"
            + " r.amount_fen, r.state, 'OPEN', ?, ? FROM refund r WHERE r.provider = ? AND r.succeeded_at >= ?"
            + " AND r.succeeded_at < ? AND r.state = 'SUCCESS' AND NOT EXISTS (SELECT 1 FROM recon_line l"
            + " WHERE l.run_id = ? AND l.kind = 'REFUND' AND l.out_refund_no = r.refund_sn)";

    /** Lines that agree with our records: a paid payment of that amount, a succeeded refund of that amount. */
    private static final String MATCHED = "SELECT COUNT(*) FROM recon_line l WHERE l.run_id = ? AND ("
            + "l.kind = 'PAYMENT' AND EXISTS (SELECT 1 FROM payment p WHERE p.pay_sn = l.out_trade_no AND p.provider = ?"
            + " AND p.state IN " + PAID + " AND p.amount_fen = l.amount_fen)"
            + " OR l.kind = 'REFUND' AND EXISTS (SELECT 1 FROM refund r WHERE r.refund_sn = l.out_refund_no"
            + " AND r.pay_sn = l.out_trade_no AND r.provider = ? AND r.state = 'SUCCESS' AND r.amount_fen = l.amount_fen))";

    /** The bill's money per channel (ours for the payment it names; UNKNOWN for a trade we never created). */
    private static final String TOTALS = "INSERT INTO recon_total (run_id, channel, payments, paid_fen, refunds,"
            + " refunded_fen, fee_milli_fen) SELECT l.run_id, COALESCE(p.channel, 'UNKNOWN'), SUM(l.kind = 'PAYMENT'),"
            + " SUM(CASE WHEN l.kind = 'PAYMENT' THEN l.amount_fen ELSE 0 END), SUM(l.kind = 'REFUND'),"
            + " SUM(CASE WHEN l.kind = 'REFUND' THEN l.amount_fen ELSE 0 END), SUM(l.fee_milli_fen)"
            + " FROM recon_line l LEFT JOIN payment p ON p.pay_sn = l.out_trade_no AND p.provider = ?"
            + " WHERE l.run_id = ? GROUP BY l.run_id, COALESCE(p.channel, 'UNKNOWN')";

    private final Pool pool;

    public BillMatching(Pool pool) {
        this.pool = pool;
    }

    /** Differences found now, on top of those already recorded for the run; then the day's totals per channel. */
    public Uni<Void> match(long runId, String provider, LocalDate billDate) {
        LocalDateTime from = utc(billDate.atStartOfDay().toInstant(CHINA));
        LocalDateTime to = utc(billDate.plusDays(1).atStartOfDay().toInstant(CHINA));
        LocalDateTime now = utc(Instant.now());
        Tuple lineBased = Tuple.of(now, now, provider, runId);
        Tuple oursOnly = Tuple.from(List.of(runId, now, now, provider, from, to, runId));
        return run(PAYMENT_PROVIDER_ONLY, lineBased)
                .chain(() -> run(PAYMENT_AMOUNT_DIFFERS, lineBased))
                .chain(() -> run(PAYMENT_OURS_ONLY, oursOnly))
                .chain(() -> run(REFUND_PROVIDER_ONLY, lineBased))
                .chain(() -> run(REFUND_AMOUNT_DIFFERS, lineBased))
                .chain(() -> run(REFUND_OURS_ONLY, oursOnly))
                .chain(() -> run("DELETE FROM recon_total WHERE run_id = ?", Tuple.of(runId)))
                .chain(() -> run(TOTALS, Tuple.of(provider, runId)));
    }

    /** Our payments paid and refunds succeeded through the provider on that day. */
    public Uni<Long> recordedOn(String provider, LocalDate billDate) {
        LocalDateTime from = utc(billDate.atStartOfDay().toInstant(CHINA));
        LocalDateTime to = utc(billDate.plusDays(1).atStartOfDay().toInstant(CHINA));
        return pool.preparedQuery("SELECT (SELECT COUNT(*) FROM payment WHERE provider = ? AND paid_at >= ? AND paid_at < ?"
                        + " AND state IN " + PAID + ") + (SELECT COUNT(*) FROM refund WHERE provider = ? AND succeeded_at >= ?"
                        + " AND succeeded_at < ? AND state = 'SUCCESS')")
                .execute(Tuple.from(List.of(provider, from, to, provider, from, to)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The run's differences not settled or alerted yet. */
    public Uni<Long> open(long runId) {
        return pool.preparedQuery("SELECT COUNT(*) FROM recon_item WHERE run_id = ? AND state = 'OPEN'").execute(Tuple.of(runId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Staged lines that agree with our records now (after the differences a query settled). */
    public Uni<Long> matched(long runId, String provider) {
        return pool.preparedQuery(MATCHED).execute(Tuple.of(runId, provider, provider))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private Uni<Void> run(String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params).replaceWithVoid();
    }

    static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
