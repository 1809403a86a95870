package com.paygate.payment.provider.bill;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Reads one provider bill file as a stream: each line goes to {@code lines} as it is read (nothing is kept, so memory
 * stays bounded whatever the bill's size), and the totals come back once the bill's own summary has been checked
 * against them. Blocking: call it on a worker thread, never on an event loop.
 */
public interface BillParser {

    BillTotals parse(InputStream bill, Consumer<BillLine> lines) throws IOException;
}
