package com.retailpulse.infra.ingest.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.IdentifierType;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.RecordOrderCancellationCommand;
import com.retailpulse.contracts.customer.RecordOrderCommand;
import com.retailpulse.contracts.sale.RecordAnonymousSaleCommand;
import com.retailpulse.contracts.sale.SaleId;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.infra.identity.IdentityResolution;
import com.retailpulse.infra.ingest.transactions.ColumnMapping;
import com.retailpulse.infra.ingest.transactions.Invoice;
import com.retailpulse.infra.ingest.transactions.ReadSummary;
import com.retailpulse.infra.ingest.transactions.RowRejection;
import com.retailpulse.infra.ingest.transactions.TransactionFileReader;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Imports POS/ERP transaction files: every invoice becomes an order, a cancellation or an anonymous
 * sale, recorded through the same commands as live ingestion, so importing a file twice changes
 * nothing. The upload is kept under the data directory; a checkpoint every
 * {@value #CHECKPOINT_EVERY} invoices lets an interrupted import resume where it stopped.
 */
@Service
public class TransactionImporter implements SmartLifecycle {

    static final int CHECKPOINT_EVERY = 500;
    private static final Logger log = LoggerFactory.getLogger(TransactionImporter.class);
    private static final String CHANNEL = "pos";

    private final CommandGateway commands;
    private final IdentityResolution identities;
    private final ImportJobStore store;
    private final ObjectMapper json;
    private final Clock clock;
    private final Path uploads;
    private final int concurrency;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(new AxonThreadFactory("transaction-import"));
    private volatile boolean running;

    public TransactionImporter(CommandGateway commands, IdentityResolution identities, ImportJobStore store, ObjectMapper json, Clock clock,
                               @Value("${retailpulse.data-dir}") Path dataDir,
                               @Value("${retailpulse.imports.concurrency:4}") int concurrency) {
        this.commands = commands;
        this.identities = identities;
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.uploads = dataDir.resolve("imports");
        this.concurrency = concurrency;
    }

    /** Keeps the upload and starts importing it in the background; returns the import id at once. */
    public String start(InputStream upload, String fileName, Optional<ColumnMapping> mapping, String issuedBy) {
        String importId = UUID.randomUUID().toString();
        Path stored = uploads.resolve(importId + ".upload");
        try {
            Files.createDirectories(uploads);
            Files.copy(upload, stored, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the uploaded file " + fileName, e);
        }
        String mappingJson = mapping.map(this::toJson).orElse(null);
        ImportJob job = new ImportJob(importId, fileName, stored.toString(), mappingJson, issuedBy, ImportStatus.RUNNING,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, clock.instant(), null, null);
        store.save(job);
        runner.submit(() -> run(job));
        return importId;
    }

    public Optional<ImportView> find(String importId) {
        return store.find(importId).map(this::view);
    }

    /** Takes a FAILED import up again from its last checkpoint. */
    public Optional<ImportView> resume(String importId) {
        Optional<ImportJob> job = store.find(importId).filter(j -> j.status() == ImportStatus.FAILED);
        job.ifPresent(j -> {
            ImportJob again = j.with(ImportStatus.RUNNING, null, null);
            store.save(again);
            runner.submit(() -> run(again));
        });
        return job.flatMap(j -> find(importId));
    }

    public List<ImportJobStore.Reject> rejects(String importId, int limit) {
        return store.rejects(importId, limit);
    }

    /** Imports that were running when the platform stopped carry on. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeInterrupted() {
        for (ImportJob job : store.running()) {
            log.info("Resuming import {} of {} after invoice {}", job.importId(), job.file(), job.invoicesDone());
            runner.submit(() -> run(job));
        }
    }

    private ImportView view(ImportJob job) {
        return new ImportView(job.importId(), job.file(), job.status(), job.rowsTotal(), job.rowsRead(), job.rowsImported(),
                job.rowsRejected(), job.invoicesRead(), job.ordersRecorded(), job.cancellationsRecorded(),
                job.anonymousRecorded(), job.alreadyKnown(), job.customersSeen(), job.startedAt(),
                job.finishedAt(), job.error());
    }

    private void run(ImportJob start) {
        Progress progress = new Progress(start);
        ExecutorService[] stripes = new ExecutorService[concurrency];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = Executors.newSingleThreadExecutor(new AxonThreadFactory("import-" + start.importId().substring(0, 8) + "-" + i));
        }
        try {
            Optional<ColumnMapping> mapping = Optional.ofNullable(start.mappingJson()).map(this::fromJson);
            ReadSummary summary = new TransactionFileReader().read(Path.of(start.storedAt()), mapping, clock,
                    new TransactionFileReader.Listener() {
                        @Override
                        public void onInvoice(Invoice invoice) {
                            progress.accept(invoice, stripes);
                        }

                        @Override
                        public void onRejection(RowRejection rejection) {
                            store.reject(start.importId(), start.file(), rejection.lineNumber(), rejection.invoiceNumber(),
                                    rejection.reason());
                        }

                        @Override
                        public void onProgress(long rowsRead, long totalRows) {
                            progress.rowsRead(rowsRead, totalRows);
                        }
                    });
            progress.drain();
            ImportJob done = progress.snapshot(summary.rowsRead(), summary.invoicesRead()).with(ImportStatus.COMPLETED, clock.instant(), null);
            store.save(done);
            log.info("Import {} of {} completed: {}", done.importId(), done.file(), view(done));
        } catch (RuntimeException e) {
            log.warn("Import {} of {} failed: {}", start.importId(), start.file(), e.getMessage());
            try {
                progress.drain();
            } catch (RuntimeException ignored) {
                // the checkpoint below keeps what was recorded; the failure is already reported
            }
            store.save(progress.snapshot(progress.rowsRead.get(), progress.invoicesSeen.get())
                    .with(ImportStatus.FAILED, clock.instant(), e.getMessage()));
        } finally {
            for (ExecutorService stripe : stripes) {
                stripe.shutdown();
            }
        }
    }

    /** Counts and checkpoints of one run; invoices of one customer go to one stripe, so they keep their order. */
    private final class Progress {
        private final ImportJob start;
        private final AtomicLong rowsRead = new AtomicLong();
        private final AtomicLong rowsTotal = new AtomicLong();
        private final AtomicLong invoicesSeen = new AtomicLong();
        private final AtomicLong rowsImported;
        private final AtomicLong ordersRecorded;
        private final AtomicLong cancellationsRecorded;
        private final AtomicLong anonymousRecorded;
        private final AtomicLong alreadyKnown;
        private final List<CompletableFuture<Void>> window = new ArrayList<>();
        private long invoicesDone;

        Progress(ImportJob start) {
            this.start = start;
            this.invoicesDone = start.invoicesDone();
            this.rowsImported = new AtomicLong(start.rowsImported());
            this.ordersRecorded = new AtomicLong(start.ordersRecorded());
            this.cancellationsRecorded = new AtomicLong(start.cancellationsRecorded());
            this.anonymousRecorded = new AtomicLong(start.anonymousRecorded());
            this.alreadyKnown = new AtomicLong(start.alreadyKnown());
        }

        void rowsRead(long rows, long total) {
            rowsRead.set(rows);
            rowsTotal.set(total);
        }

        void accept(Invoice invoice, ExecutorService[] stripes) {
            long index = invoicesSeen.getAndIncrement();
            if (index < start.invoicesDone()) {
                return; // recorded before the interruption
            }
            String key = invoice.customerId() != null ? invoice.customerId() : invoice.invoiceNumber();
            ExecutorService stripe = stripes[Math.floorMod(key.hashCode(), stripes.length)];
            window.add(CompletableFuture.runAsync(() -> record(invoice), stripe));
            if (window.size() >= CHECKPOINT_EVERY) {
                drain();
                invoicesDone = index + 1;
                store.save(snapshot(rowsRead.get(), invoicesSeen.get()));
            }
        }

        void drain() {
            try {
                CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
            } finally {
                window.clear();
            }
        }

        ImportJob snapshot(long rows, long invoices) {
            return new ImportJob(start.importId(), start.file(), start.storedAt(), start.mappingJson(), start.issuedBy(),
                    ImportStatus.RUNNING, Math.max(rowsTotal.get(), rows), rows, rowsImported.get(), invoices,
                    invoicesDone, ordersRecorded.get(), cancellationsRecorded.get(), anonymousRecorded.get(),
                    alreadyKnown.get(), store.rejectedRows(start.importId()), store.customersSeen(start.importId()),
                    start.startedAt(), null, null);
        }

        private void record(Invoice invoice) {
            MetaData metaData = MetaData.with(AxonConfig.ISSUED_BY, start.issuedBy())
                    .and(AxonConfig.SOURCE, "import:" + start.importId() + "/" + start.file() + "#" + invoice.invoiceNumber())
                    .and(AxonConfig.RECEIVED_AT, clock.instant().toString())
                    .and(AxonConfig.REQUEST_ID, start.importId());
            boolean recorded;
            if (invoice.customerId() == null) {
                recorded = send(new RecordAnonymousSaleCommand(SaleId.of("import", invoice.invoiceNumber()),
                        invoice.invoiceNumber(), invoice.placedAt(), invoice.currency(), lines(invoice, invoice.cancellation()),
                        invoice.cancellation(), CHANNEL, null), metaData);
                count(recorded, anonymousRecorded);
            } else {
                CustomerIdentifier identifier = new CustomerIdentifier(IdentifierType.MEMBER, invoice.customerId());
                AtomicReference<String> customer = new AtomicReference<>();
                if (invoice.cancellation()) {
                    recorded = Boolean.TRUE.equals(identities.dispatch(List.of(identifier), r -> {
                        customer.set(r.customerId().value());
                        return new RecordOrderCancellationCommand(r.customerId(), r.identifier(), invoice.invoiceNumber(),
                                invoice.placedAt(), invoice.currency(), lines(invoice, true), CHANNEL, null);
                    }, metaData));
                    count(recorded, cancellationsRecorded);
                } else {
                    recorded = Boolean.TRUE.equals(identities.dispatch(List.of(identifier), r -> {
                        customer.set(r.customerId().value());
                        return new RecordOrderCommand(r.customerId(), r.identifier(), invoice.invoiceNumber(),
                                invoice.placedAt(), invoice.currency(), lines(invoice, false), CHANNEL, null);
                    }, metaData));
                    count(recorded, ordersRecorded);
                }
                store.customerSeen(start.importId(), customer.get());
            }
            rowsImported.addAndGet(invoice.lines().size());
        }

        private void count(boolean recorded, AtomicLong counter) {
            (recorded ? counter : alreadyKnown).incrementAndGet();
        }

        private boolean send(Object command, MetaData metaData) {
            return Boolean.TRUE.equals(commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData)));
        }
    }

    /** Cancellations carry the units taken back, as positive quantities. */
    private static List<OrderLine> lines(Invoice invoice, boolean takenBack) {
        return invoice.lines().stream()
                .map(l -> new OrderLine(l.sku(), l.description(), takenBack ? Math.abs(l.quantity()) : l.quantity(), l.unitPrice()))
                .toList();
    }

    private String toJson(ColumnMapping mapping) {
        try {
            return json.writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("mapping cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private ColumnMapping fromJson(String mapping) {
        try {
            return json.readValue(mapping, ColumnMapping.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored mapping is not readable: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        runner.shutdownNow();
        try {
            runner.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops with the other ingest adapters, before the Axon processors. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
