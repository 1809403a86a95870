package com.paygate.payment.recon;

import com.paygate.common.error.ApiException;
import com.paygate.eventing.claim.RowClaim;
import com.paygate.payment.config.ReconConfig;
import com.paygate.payment.provider.PaymentProvider;
import com.paygate.payment.provider.ProviderRegistry;
import com.paygate.payment.provider.bill.BillTotals;
import com.paygate.payment.service.PaymentAlerts;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * Reconciliation runs: one per provider and bill date. The daily job queues yesterday's once it is past
 * payment.reconciliation.at (China time); an admin queues any past dates again. A run is claimed by one replica
 * (a lease), downloads the bill, stages its lines while reading it, matches them against our records, settles the
 * differences, and records what the bill and the day add up to. A failed run (bill not published yet, provider
 * unreachable, a bill that does not check out) is tried again after payment.reconciliation.retry-after.
 */
@ApplicationScoped
public class Reconciliations {

    private static final Logger LOG = Logger.getLogger(Reconciliations.class);
    private static final int MAX_DAYS = 31;
    private static final int ALERT_AFTER_ATTEMPTS = 3;
    private static final String QUEUE = "INSERT INTO recon_run (provider, bill_date, state, attempts, next_attempt_at,"
            + " created_at, updated_at) VALUES (?, ?, 'PENDING', 0, ?, ?, ?)";
    /** Again on demand: a queued or finished run goes back to PENDING; a running one is left to finish. */
    private static final String AGAIN = " ON DUPLICATE KEY UPDATE state = IF(state = 'RUNNING', state, 'PENDING'),"
            + " next_attempt_at = VALUES(next_attempt_at), attempts = IF(state = 'RUNNING', attempts, 0),"
            + " updated_at = VALUES(updated_at)";

    private final ReconConfig config;
    private final ProviderRegistry providers;
    private final BillStaging staging;
    private final BillMatching matching;
    private final DifferenceSettlement settlement;
    private final PaymentAlerts alerts;
    private final Pool pool;
    private final Vertx vertx;
    private final MeterRegistry metrics;
    private final AtomicLong unresolved = new AtomicLong();

    public Reconciliations(ReconConfig config, ProviderRegistry providers, BillStaging staging, BillMatching matching,
            DifferenceSettlement settlement, PaymentAlerts alerts, Pool pool, Vertx vertx, MeterRegistry metrics) {
        this.config = config;
        this.providers = providers;
        this.staging = staging;
        this.matching = matching;
        this.settlement = settlement;
        this.alerts = alerts;
        this.pool = pool;
        this.vertx = vertx;
        this.metrics = metrics;
        // Differences alerted and not yet acknowledged by a human: what finance still has to settle.
        metrics.gauge("payment.reconciliation.unresolved", unresolved);
    }

    /** The providers reconciled: payment.reconciliation.providers, or every enabled live one. */
    public List<String> providerIds() {
        return config.providers().orElseGet(providers::enabledLiveIds);
    }

    /**
     * Queues runs of {@code providerIds} (null or empty: the configured ones; a test-mode provider may be named, to
     * reconcile the sandbox) for every date from..to, again if done.
     */
    public Uni<List<ReconRun>> request(LocalDate from, LocalDate to, List<String> providerIds) {
        List<String> ids = providerIds == null || providerIds.isEmpty() ? providerIds() : providerIds;
        LocalDate today = ZonedDateTime.now(BillMatching.CHINA).toLocalDate();
        if (from == null || to == null || to.isBefore(from)) {
            throw ApiException.badRequest("DATE_RANGE_INVALID", "from and to are dates (YYYY-MM-DD), from <= to");
        }
        if (to.isAfter(today) || from.plusDays(MAX_DAYS - 1).isBefore(to)) {
            throw ApiException.unprocessable("DATE_RANGE_INVALID", "dates up to today (China time), at most " + MAX_DAYS
                    + " days at once");
        }
        for (String id : ids) {
            if (providers.byId(id).isEmpty()) {
                throw ApiException.unprocessable("PROVIDER_NOT_ENABLED", "no enabled provider " + id);
            }
        }
        Instant now = Instant.now();
        List<Tuple> rows = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (String id : ids) {
                rows.add(Tuple.of(id, d, BillMatching.utc(now), BillMatching.utc(now), BillMatching.utc(now)));
            }
        }
        return pool.preparedQuery(QUEUE + AGAIN).executeBatch(rows)
                .chain(() -> Panache.withSession(() -> ReconRun.<ReconRun>list(
                        "billDate >= ?1 and billDate <= ?2 and provider in ?3 order by billDate, provider", from, to, ids)));
    }

    /** Yesterday's runs (China time), once it is past payment.reconciliation.at; a date already queued stays as it is. */
    public Uni<Void> queueDaily(Instant now) {
        ZonedDateTime china = now.atZone(BillMatching.CHINA);
        if (!config.enabled() || china.toLocalTime().isBefore(config.at())) {
            return Uni.createFrom().voidItem();
        }
        LocalDate yesterday = china.toLocalDate().minusDays(1);
        List<Tuple> rows = providerIds().stream().map(id -> Tuple.of(id, yesterday, BillMatching.utc(now),
                BillMatching.utc(now), BillMatching.utc(now))).toList();
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : pool.preparedQuery(QUEUE.replace("INSERT", "INSERT IGNORE")).executeBatch(rows).replaceWithVoid();
    }

    /**
     * Runs the due runs one after another until none is left, each claimed only when it starts, so its lease
     * (payment.reconciliation.lease) covers its own work and not the wait behind others.
     */
    public Uni<Void> runDue() {
        Instant now = Instant.now();
        return RowClaim.of("recon_run", ReconRun.class)
                .candidates("state IN ('PENDING', 'FAILED') AND next_attempt_at <= ?1 OR state = 'RUNNING' AND lease_until < ?1", now)
                .orderBy("bill_date, id")
                .limit(1)
                .lease("state = 'RUNNING', lease_until = ?1, started_at = ?2, attempts = attempts + 1, updated_at = ?2",
                        now.plus(config.lease()), now)
                .claim()
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem()
                        : execute(claimed.get(0)).chain(this::runDue));
    }

    /** Runs one claimed run to its end (DONE or FAILED); never fails. */
    public Uni<Void> execute(ReconRun run) {
        PaymentProvider provider = providers.byId(run.provider).orElse(null);
        if (provider == null) {
            return fail(run, "provider " + run.provider + " is not enabled");
        }
        Path file = workDir().resolve("recon-" + run.id + "-" + System.nanoTime() + ".bill");
        Context caller = io.vertx.core.Vertx.currentContext();
        long started = System.nanoTime();
        return provider.downloadBill(run.billDate, file)
                .chain(bill -> bill.isEmpty() ? noBill(run) : staging.stage(run.id, bill.get()).emitOn(on(caller)))
                .chain(totals -> {
                    long parseMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                    return matching.match(run.id, run.provider, run.billDate)
                            .chain(() -> settleUnlessTooMany(run, provider))
                            .chain(() -> matching.matched(run.id, run.provider))
                            .chain(matched -> finish(run, totals, matched, parseMillis));
                })
                .onFailure().recoverWithUni(f -> fail(run, f.getClass().getSimpleName() + ": " + f.getMessage()))
                .call(() -> staging.clear(run.id).onFailure().recoverWithNull())
                .call(() -> vertx.fileSystem().delete(file.toString()).onFailure().recoverWithNull())
                .call(this::refreshUnresolved);
    }

    /**
     * "No bill for that day" is an empty day only if we recorded nothing either: otherwise the bill is not there yet
     * (or the provider lost it), and matching against nothing would call every payment of the day ours only.
     */
    private Uni<BillTotals> noBill(ReconRun run) {
        return matching.recordedOn(run.provider, run.billDate).map(ours -> {
            if (ours > 0) {
                throw new IllegalStateException("the provider has no bill for a day with " + ours + " of our payments and refunds");
            }
            return BillTotals.EMPTY;
        }).call(() -> staging.clear(run.id));
    }

    /**
     * Differences are settled one by one (a provider query each): more than payment.reconciliation.max-differences
     * in one run means something bigger is wrong (a bill of another day, a lost table), for a human, not for
     * thousands of queries and alerts. Differences a query could not settle yet fail the run, which tries again.
     */
    private Uni<Void> settleUnlessTooMany(ReconRun run, PaymentProvider provider) {
        return matching.open(run.id).chain(open -> {
            if (open > config.maxDifferences()) {
                return alerts.raise("", "RECON_TOO_MANY_DIFFERENCES", run.provider + " " + run.billDate, run.provider
                                + " bill of " + run.billDate + ": " + open + " differences, more than payment.reconciliation"
                                + ".max-differences (" + config.maxDifferences() + "); none settled")
                        .invoke(() -> {
                            throw new IllegalStateException(open + " differences: more than " + config.maxDifferences());
                        });
            }
            return settlement.settle(run, provider).chain(() -> matching.open(run.id)).invoke(left -> {
                if (left > 0) {
                    throw new IllegalStateException(left + " differences could not be settled yet");
                }
            }).replaceWithVoid();
        });
    }

    private Uni<Void> finish(ReconRun run, BillTotals totals, long matched, long parseMillis) {
        Instant now = Instant.now();
        metrics.counter("payment.reconciliation.runs", "provider", run.provider, "outcome", "done").increment();
        metrics.counter("payment.reconciliation.lines", "provider", run.provider).increment(totals.lines());
        LOG.infof("Reconciliation %s %s: %d bill lines (%d matched) read in %d ms", run.provider, run.billDate,
                totals.lines(), matched, parseMillis);
        return pool.preparedQuery("UPDATE recon_run SET state = 'DONE', finished_at = ?, lease_until = NULL, error = NULL,"
                        + " bill_payments = ?, bill_refunds = ?, bill_paid_fen = ?, bill_refunded_fen = ?, bill_fee_milli_fen = ?,"
                        + " matched = ?, differences = (SELECT COUNT(*) FROM recon_item WHERE run_id = ?), parse_millis = ?,"
                        + " updated_at = ? WHERE id = ? AND attempts = ?")
                .execute(Tuple.from(List.of(BillMatching.utc(now), totals.payments(), totals.refunds(), totals.paidFen(),
                        totals.refundedFen(), totals.feeMilliFen(), matched, run.id, parseMillis, BillMatching.utc(now), run.id,
                        run.attempts)))
                .replaceWithVoid();
    }

    private Uni<Void> fail(ReconRun run, String why) {
        String error = why.length() > 500 ? why.substring(0, 500) : why;
        Instant now = Instant.now();
        metrics.counter("payment.reconciliation.runs", "provider", run.provider, "outcome", "failed").increment();
        LOG.warnf("Reconciliation %s %s failed (attempt %d), again after %s: %s", run.provider, run.billDate, run.attempts,
                config.retryAfter(), error);
        // Once per run and date (a blank payment number, so the alert's key dedupes; NULL would not).
        Uni<Void> alert = run.attempts != ALERT_AFTER_ATTEMPTS ? Uni.createFrom().voidItem()
                : alerts.raise("", "RECON_RUN_FAILED", run.provider + " " + run.billDate, "reconciliation of the "
                        + run.provider + " bill of " + run.billDate + " failed " + run.attempts + " times: " + error);
        // Only the attempt that holds the run writes its end: a replica that lost its lease changes nothing.
        return pool.preparedQuery("UPDATE recon_run SET state = 'FAILED', error = ?, next_attempt_at = ?, lease_until = NULL,"
                        + " updated_at = ? WHERE id = ? AND attempts = ?")
                .execute(Tuple.of(error, BillMatching.utc(now.plus(config.retryAfter())), BillMatching.utc(now), run.id,
                        run.attempts))
                .replaceWithVoid()
                .call(() -> alert);
    }

    /**
     * Runs (with their differences and totals) last changed longer than payment.reconciliation.retention ago; a run
     * is judged by when it ran, not by its bill date, so reconciling an old date keeps its result for as long.
     */
    public Uni<Void> prune(Instant now) {
        Tuple before = Tuple.of(BillMatching.utc(now.minus(config.retention())));
        String old = "(SELECT id FROM recon_run WHERE updated_at < ? AND state <> 'RUNNING')";
        return pool.preparedQuery("DELETE FROM recon_item WHERE run_id IN " + old).execute(before)
                .chain(() -> pool.preparedQuery("DELETE FROM recon_total WHERE run_id IN " + old).execute(before))
                .chain(() -> pool.preparedQuery("DELETE FROM recon_run WHERE updated_at < ? AND state <> 'RUNNING'").execute(before))
                .replaceWithVoid();
    }

    public Uni<Void> refreshUnresolved() {
        return pool.query("SELECT COUNT(*) FROM payment_alert WHERE kind LIKE 'RECON\\_%' AND state = 'OPEN'").execute()
                .invoke(rows -> unresolved.set(rows.iterator().next().getLong(0)))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    public Uni<List<ReconRun>> runsOf(LocalDate date) {
        return Panache.withSession(() -> ReconRun.<ReconRun>list("billDate = ?1 order by provider", date));
    }

    public Uni<List<ReconItem>> differencesOf(List<Long> runIds) {
        return runIds.isEmpty() ? Uni.createFrom().item(List.of())
                : Panache.withSession(() -> ReconItem.<ReconItem>list("runId in ?1 order by runId, kind, paySn, refundSn", runIds));
    }

    /** What the bill's lines add up to per channel (fees in thousandths of a fen, as the bills state them). */
    public record ChannelTotal(long runId, String channel, long payments, long paidFen, long refunds, long refundedFen,
            long feeMilliFen) {
    }

    public Uni<List<ChannelTotal>> totalsOf(List<Long> runIds) {
        if (runIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("SELECT run_id, channel, payments, paid_fen, refunds, refunded_fen, fee_milli_fen"
                        + " FROM recon_total WHERE run_id IN (" + "?,".repeat(runIds.size() - 1) + "?) ORDER BY run_id, channel")
                .execute(Tuple.from(new ArrayList<Object>(runIds)))
                .map(rows -> {
                    List<ChannelTotal> totals = new ArrayList<>();
                    rows.forEach(r -> totals.add(new ChannelTotal(r.getLong(0), r.getString(1), r.getLong(2), r.getLong(3),
                            r.getLong(4), r.getLong(5), r.getLong(6))));
                    return totals;
                });
    }

    private Path workDir() {
        return config.workDir().orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Back on the caller's Vert.x context after the worker thread (Hibernate Reactive needs it). */
    private static Executor on(Context caller) {
        return caller == null ? Runnable::run : task -> caller.runOnContext(ignored -> task.run());
    }
}
