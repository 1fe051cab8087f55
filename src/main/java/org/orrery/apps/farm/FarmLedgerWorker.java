package org.orrery.apps.farm;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.orrery.io.IoFailures;
import org.orrery.sim.TaskFarm;

/**
 * A {@link FarmWorker} whose every finished item is appended to the {@link FarmLedger} before the task farm sees its
 * record: when the farm collects a record, its outputs are on disk and in the ledger, so an interruption at any moment
 * loses at most the items in progress.
 *
 * <p>The append (the outputs' CRC read back from disk, then the ledger line written and fsynced) runs on a ledger
 * thread of its own, in the order the items were started, as soon as an item's outputs are written, not on the thread
 * that computes: measured on the farm activity, the compute thread used to wait ≈ 23 ms per image for it, while the
 * next image could have been computed (results/scaling/session6-farmwait/).
 */
final class FarmLedgerWorker implements TaskFarm.Worker<FarmWorker.Loaded, FarmRecord>, AutoCloseable {
    private final FarmWorker worker;
    private final FarmLedger ledger;
    private final ExecutorService appender;

    FarmLedgerWorker(FarmWorker worker, FarmLedger ledger) {
        this.worker = worker;
        this.ledger = ledger;
        this.appender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "farm-ledger");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Future<FarmWorker.Loaded> prefetch(int item) {
        return worker.prefetch(item);
    }

    /** The worker's record once its outputs are written and its line is in the ledger (never fails for a bad item). */
    @Override
    public Future<FarmRecord> process(int item, Future<FarmWorker.Loaded> loaded) {
        Future<FarmRecord> written = worker.process(item, loaded);
        return appender.submit(() -> ledgered(written));
    }

    private FarmRecord ledgered(Future<FarmRecord> written) throws InterruptedException {
        FarmRecord r;
        try {
            r = written.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
        try {
            ledger.append(r);
            return r;
        } catch (IOException e) {
            return r.failing("its outputs were written but the farm's ledger could not be: " + IoFailures.reason(e));
        }
    }

    /** Stops the ledger thread; callers have awaited every record before closing. */
    @Override
    public void close() {
        appender.shutdown();
    }
}
