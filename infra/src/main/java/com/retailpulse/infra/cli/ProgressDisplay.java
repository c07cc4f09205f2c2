package com.retailpulse.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * An import's progress over {@code rowsRead / rowsTotal} with live counts: a redrawn bar on a
 * terminal (indeterminate until {@code rowsTotal} is known), else a plain line at most every 2 s.
 */
interface ProgressDisplay extends AutoCloseable {

    void update(JsonNode status);

    @Override
    void close();

    static ProgressDisplay create(boolean terminal, PrintStream terminalOut, PrintWriter out, String task) {
        return terminal ? new Bar(terminalOut, task) : new PlainLines(out, task, 2_000);
    }

    static String counts(JsonNode s) {
        return String.format(Locale.ROOT, "orders %,d · cancellations %,d · anonymous %,d · rejected %,d",
                s.path("ordersRecorded").asLong(), s.path("cancellationsRecorded").asLong(),
                s.path("anonymousRecorded").asLong(), s.path("rowsRejected").asLong());
    }

    /** me.tongfei:progressbar redrawing one line in place. */
    final class Bar implements ProgressDisplay {
        private final ProgressBar bar;

        Bar(PrintStream out, String task) {
            out.flush();
            bar = ProgressBar.builder()
                    .setTaskName(task)
                    .setInitialMax(-1)
                    .setUnit(" rows", 1)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(out))
                    .build();
        }

        @Override
        public void update(JsonNode s) {
            long total = s.path("rowsTotal").asLong();
            if (total > 0 && bar.getMax() != total) {
                bar.maxHint(total);
            }
            bar.stepTo(s.path("rowsRead").asLong());
            bar.setExtraMessage(String.format(Locale.ROOT, "orders %,d cancel %,d anon %,d rejected %,d",
                    s.path("ordersRecorded").asLong(), s.path("cancellationsRecorded").asLong(),
                    s.path("anonymousRecorded").asLong(), s.path("rowsRejected").asLong()));
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** For logs and CI: no control characters, no redrawing. */
    final class PlainLines implements ProgressDisplay {
        private final PrintWriter out;
        private final String task;
        private final long everyMillis;
        private long lastPrinted = Long.MIN_VALUE;

        PlainLines(PrintWriter out, String task, long everyMillis) {
            this.out = out;
            this.task = task;
            this.everyMillis = everyMillis;
        }

        @Override
        public void update(JsonNode s) {
            long now = System.currentTimeMillis();
            if (lastPrinted != Long.MIN_VALUE && now - lastPrinted < everyMillis) {
                return;
            }
            lastPrinted = now;
            long total = s.path("rowsTotal").asLong();
            long read = s.path("rowsRead").asLong();
            String rows = total > 0
                    ? String.format(Locale.ROOT, "%,d/%,d rows (%d%%)", read, total, Math.min(100, read * 100 / total))
                    : String.format(Locale.ROOT, "%,d rows (total not known yet)", read);
            out.println(task + ": " + rows + " · " + counts(s));
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
