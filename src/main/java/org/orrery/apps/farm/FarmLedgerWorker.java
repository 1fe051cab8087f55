package org.orrery.apps.farm;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.orrery.io.IoFailures;
import org.orrery.sim.TaskFarm;

/**
 * A {@link FarmWorker} whose every finished item is appended to the {@link FarmLedger} before the task farm sees its
 * record: when the farm collects a record, its outputs are on disk and in the ledger, so an interruption at any moment
 * loses at most the items in progress.
 */
final class FarmLedgerWorker implements TaskFarm.Worker<FarmWorker.Loaded, FarmRecord> {
    private final FarmWorker worker;
    private final FarmLedger ledger;

    FarmLedgerWorker(FarmWorker worker, FarmLedger ledger) {
        this.worker = worker;
        this.ledger = ledger;
    }

    @Override
    public Future<FarmWorker.Loaded> prefetch(int item) {
        return worker.prefetch(item);
    }

    @Override
    public Future<FarmRecord> process(int item, Future<FarmWorker.Loaded> loaded) {
        return new Ledgered(worker.process(item, loaded));
    }

    /** The worker's future; its value is ledgered once, by whoever first gets it. */
    private final class Ledgered implements Future<FarmRecord> {
        private final Future<FarmRecord> inner;
        private FarmRecord value;

        Ledgered(Future<FarmRecord> inner) {
            this.inner = inner;
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            return inner.cancel(mayInterrupt);
        }

        @Override
        public boolean isCancelled() {
            return inner.isCancelled();
        }

        @Override
        public boolean isDone() {
            return inner.isDone();
        }

        @Override
        public synchronized FarmRecord get() throws InterruptedException, ExecutionException {
            return value != null ? value : ledgered(inner.get());
        }

        @Override
        public synchronized FarmRecord get(long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, TimeoutException {
            return value != null ? value : ledgered(inner.get(timeout, unit));
        }

        private FarmRecord ledgered(FarmRecord r) {
            try {
                ledger.append(r);
                value = r;
            } catch (IOException e) {
                value = r.failing(
                        "its outputs were written but the farm's ledger could not be: " + IoFailures.reason(e));
            }
            return value;
        }
    }
}
