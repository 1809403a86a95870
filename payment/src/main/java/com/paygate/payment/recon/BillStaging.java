package com.paygate.payment.recon;

import com.paygate.payment.provider.PaymentProvider;
import com.paygate.payment.provider.bill.BillLine;
import com.paygate.payment.provider.bill.BillTotals;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a bill's lines into {@code recon_line} while the bill is read, a few hundred per multi-row INSERT, so the
 * lines are matched by SQL and memory stays bounded whatever the bill's size. Reading is blocking (a file), so it
 * runs on a worker thread, which may wait for each INSERT.
 */
@ApplicationScoped
public class BillStaging {

    static final int ROWS_PER_INSERT = 500;
    private static final String COLUMNS = "(run_id, line_no, kind, out_trade_no, out_refund_no, provider_trade_no,"
            + " amount_fen, fee_milli_fen, trade_type, line_state, at)";
    private static final int PARAMS_PER_ROW = 11;
    private static final Duration INSERT_TIMEOUT = Duration.ofMinutes(2);

    private final Pool pool;

    public BillStaging(Pool pool) {
        this.pool = pool;
    }

    /** The bill's lines staged for {@code runId} (any staged before are dropped first); the bill's checked totals. */
    public Uni<BillTotals> stage(long runId, PaymentProvider.Bill bill) {
        return clear(runId).chain(() -> Uni.createFrom().item(() -> copy(runId, bill))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    public Uni<Void> clear(long runId) {
        return pool.preparedQuery("DELETE FROM recon_line WHERE run_id = ?").execute(Tuple.of(runId)).replaceWithVoid();
    }

    private BillTotals copy(long runId, PaymentProvider.Bill bill) {
        List<Object> params = new ArrayList<>(ROWS_PER_INSERT * PARAMS_PER_ROW);
        int[] lineNo = {0};
        BillTotals totals;
        try {
            totals = bill.read(line -> {
                add(params, runId, ++lineNo[0], line);
                if (params.size() == ROWS_PER_INSERT * PARAMS_PER_ROW) {
                    insert(params);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        insert(params);
        return totals;
    }

    private static void add(List<Object> params, long runId, int lineNo, BillLine line) {
        params.add(runId);
        params.add(lineNo);
        params.add(line.kind().name());
        params.add(line.outTradeNo());
        params.add(line.outRefundNo());
        params.add(line.providerTradeNo());
        params.add(line.amountFen());
        params.add(line.feeMilliFen());
        params.add(line.tradeType());
        params.add(line.state());
        params.add(line.at() == null ? null : LocalDateTime.ofInstant(line.at(), ZoneOffset.UTC));
    }

    /** One multi-row INSERT of what {@code params} holds, then empties it. Worker thread only. */
    private void insert(List<Object> params) {
        if (params.isEmpty()) {
            return;
        }
        int rows = params.size() / PARAMS_PER_ROW;
        StringBuilder sql = new StringBuilder("INSERT INTO recon_line ").append(COLUMNS).append(" VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,?)");
        }
        pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).await().atMost(INSERT_TIMEOUT);
        params.clear();
    }
}
