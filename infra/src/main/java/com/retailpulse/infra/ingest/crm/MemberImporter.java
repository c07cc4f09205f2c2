package com.retailpulse.infra.ingest.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.infra.ingest.imports.ImportStatus;
import org.axonframework.common.AxonThreadFactory;
import org.bson.Document;
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
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Imports CRM member files in the background, one row after another, through the same recording
 * as {@code POST /api/v1/members}: importing a file twice records nothing new. The upload is
 * deleted once imported, since it holds personal data in clear.
 */
@Service
public class MemberImporter implements SmartLifecycle {

    static final int SAVE_EVERY = 200;
    private static final Logger log = LoggerFactory.getLogger(MemberImporter.class);

    private final MemberRecorder recorder;
    private final MemberImportStore store;
    private final MemberFileReader reader;
    private final MemberRowParser parser;
    private final Clock clock;
    private final Path uploads;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(new AxonThreadFactory("member-import"));
    private volatile boolean running;

    public MemberImporter(MemberRecorder recorder, MemberImportStore store, ObjectMapper json, Clock clock,
                          @Value("${retailpulse.data-dir}") Path dataDir) {
        this.recorder = recorder;
        this.store = store;
        this.reader = new MemberFileReader(json);
        this.parser = new MemberRowParser(clock);
        this.clock = clock;
        this.uploads = dataDir.resolve("imports").resolve("members");
    }

    /** Keeps the upload and starts importing it; returns the import id at once. */
    String start(InputStream upload, String fileName, Optional<MemberFileReader.Format> format, Charset charset, String issuedBy) {
        String importId = UUID.randomUUID().toString();
        Path stored = uploads.resolve(importId + ".upload");
        try {
            Files.createDirectories(uploads);
            Files.copy(upload, stored, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the uploaded file " + fileName, e);
        }
        MemberFileReader.Format resolved = format.orElseGet(() -> MemberFileReader.Format.detect(fileName, stored));
        MemberImportView job = new MemberImportView(importId, fileName, resolved.name().toLowerCase(Locale.ROOT), charset.name(),
                ImportStatus.RUNNING, 0, 0, 0, 0, 0, 0, 0, List.of(), clock.instant(), null, null);
        store.save(job, stored.toString(), issuedBy);
        runner.submit(() -> run(job, stored, resolved, charset, issuedBy));
        return importId;
    }

    Optional<MemberImportView> find(String importId) {
        return store.find(importId);
    }

    List<MemberImportStore.Reject> rejects(String importId, int limit) {
        return store.rejects(importId, limit);
    }

    /**
     * An import cut off by a stop is marked failed, not resumed: uploading the file again is safe,
     * since rows already recorded record nothing new.
     */
    @EventListener(ApplicationReadyEvent.class)
    void failInterrupted() {
        for (Document doc : store.running()) {
            MemberImportView job = MemberImportView.fromDocument(doc);
            store.save(job.finished(ImportStatus.FAILED, clock.instant(), "interrupted by a stop of the platform after "
                    + job.rowsRead() + " rows; import the file again (rows already recorded are not recorded twice)"),
                    doc.getString("storedAt"), doc.getString("issuedBy"));
            deleteQuietly(Path.of(doc.getString("storedAt")));
        }
    }

    private void run(MemberImportView start, Path file, MemberFileReader.Format format, Charset charset, String issuedBy) {
        Counts counts = new Counts(start);
        try {
            reader.read(file, format, charset, new MemberFileReader.Listener() {
                @Override
                public void onIgnoredColumns(List<String> columns) {
                    counts.ignoredColumns = List.copyOf(columns);
                }

                @Override
                public void onRecord(long line, MemberInput input) {
                    counts.rowsRead++;
                    MemberRowParser.Result parsed = parser.parse(input);
                    if (!parsed.valid()) {
                        reject(line, String.join("; ", parsed.errors()));
                    } else {
                        MemberRecorder.Origin origin = new MemberRecorder.Origin(issuedBy,
                                "import:" + start.importId() + "/" + start.file() + "#" + line, start.importId());
                        try {
                            counts.add(recorder.record(parsed.member(), origin));
                        } catch (IllegalArgumentException e) {
                            reject(line, e.getMessage());
                        }
                    }
                    if (counts.rowsRead % SAVE_EVERY == 0) {
                        store.save(counts.view(ImportStatus.RUNNING, null, null), file.toString(), issuedBy);
                    }
                }

                @Override
                public void onRejection(long line, String reason) {
                    counts.rowsRead++;
                    reject(line, reason);
                }

                private void reject(long line, String reason) {
                    counts.rowsRejected++;
                    store.reject(start.importId(), line, reason);
                }
            });
            MemberImportView done = counts.view(ImportStatus.COMPLETED, clock.instant(), null);
            store.save(done, file.toString(), issuedBy);
            log.info("Member import {} of {} completed: {} rows read, {} imported ({} changed), {} rejected", done.importId(),
                    done.file(), done.rowsRead(), done.rowsImported(), done.rowsChanged(), done.rowsRejected());
        } catch (RuntimeException e) {
            log.warn("Member import {} of {} failed: {}", start.importId(), start.file(), e.getMessage());
            store.save(counts.view(ImportStatus.FAILED, clock.instant(), e.getMessage()), file.toString(), issuedBy);
        } finally {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete the member upload {}: {}", file, e.getMessage());
        }
    }

    /** One run's counts; touched only by the import thread. */
    private static final class Counts {
        private final MemberImportView start;
        long rowsRead;
        long rowsImported;
        long rowsRejected;
        long rowsChanged;
        long profilesRecorded;
        long consentsRecorded;
        List<String> ignoredColumns = List.of();

        Counts(MemberImportView start) {
            this.start = start;
        }

        void add(MemberRecorder.Outcome outcome) {
            rowsImported++;
            if (outcome.changedAnything()) {
                rowsChanged++;
            }
            if (outcome.profileRecorded()) {
                profilesRecorded++;
            }
            consentsRecorded += outcome.consentsRecorded();
        }

        MemberImportView view(ImportStatus status, Instant finishedAt, String error) {
            return new MemberImportView(start.importId(), start.file(), start.format(), start.charset(), status, rowsRead,
                    rowsImported, rowsRejected, rowsChanged, rowsImported - rowsChanged, profilesRecorded, consentsRecorded,
                    ignoredColumns, start.startedAt(), finishedAt, error);
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
