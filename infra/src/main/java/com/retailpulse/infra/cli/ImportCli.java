package com.retailpulse.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The {@code import} command-line client of the platform's import API, run by
 * {@code java -jar retailpulse-exec.jar import …} without starting the platform itself:
 * {@code transactions <file>} uploads and follows an import with a progress bar, {@code resume}
 * restarts a failed one, {@code status} shows one. Exit code 0 = completed, 1 = the import failed,
 * 2 = usage, connection or HTTP error. The password comes from an environment variable only.
 */
@Command(name = "import", mixinStandardHelpOptions = true, version = "RetailPulse import client",
        description = "Import transaction files into a running RetailPulse platform over its HTTP API.",
        subcommands = {ImportCli.Transactions.class, ImportCli.Resume.class, ImportCli.Status.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the import completed", "1:the import failed (its error is printed)",
                "2:usage, connection or HTTP error"})
public class ImportCli implements Callable<Integer> {

    static final String DEFAULT_PASSWORD_ENV = "RETAILPULSE_ADMIN_PASSWORD";
    private static final int SHOWN_REJECTS = 10;

    private final Function<String, String> environment;
    private final boolean terminal;
    long pollMillis = 500;

    @Spec
    CommandSpec spec;

    public ImportCli() {
        this(System::getenv, System.console() != null);
    }

    /**
     * @param environment where the password variable is looked up (tests pass their own)
     * @param terminal    redraw a progress bar on {@link System#out} rather than print plain lines
     */
    ImportCli(Function<String, String> environment, boolean terminal) {
        this.environment = environment;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: transactions, resume or status");
    }

    /** Where the platform is and who signs in. */
    static final class Connection {
        @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
                description = "The platform's base URL (default: ${DEFAULT-VALUE}).")
        String url;

        @Option(names = "--user", defaultValue = "admin", description = "An ADMIN user (default: ${DEFAULT-VALUE}).")
        String user;

        @Option(names = "--password-env", defaultValue = DEFAULT_PASSWORD_ENV, paramLabel = "VAR",
                description = "The environment variable holding the password (default: ${DEFAULT-VALUE}).")
        String passwordEnv;
    }

    abstract static class Subcommand implements Callable<Integer> {
        @ParentCommand
        ImportCli cli;
        @Mixin
        Connection connection;
        @Spec
        CommandSpec spec;

        abstract int run(PrintWriter out, PrintWriter err);

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                return run(out, err);
            } catch (CliException e) {
                out.flush();
                err.println("error: " + e.getMessage());
                err.flush();
                return 2;
            }
        }

        ImportApi api() {
            String password = cli.environment.apply(connection.passwordEnv);
            if (password == null || password.isEmpty()) {
                throw new CliException("the environment variable " + connection.passwordEnv + " is not set — export the password of '"
                        + connection.user + "' there (or name another variable with --password-env)");
            }
            return new ImportApi(connection.url, connection.user, password, "$" + connection.passwordEnv);
        }

        /** Polls until the import is no longer running, with a progress display; then reports it. */
        int follow(ImportApi api, String importId, PrintWriter out, PrintWriter err) {
            JsonNode status;
            out.flush();
            try (ProgressDisplay progress = ProgressDisplay.create(cli.terminal, System.out, out, "import")) {
                while (true) {
                    status = api.status(importId);
                    progress.update(status);
                    if (!"RUNNING".equals(status.path("status").asText())) {
                        break;
                    }
                    Thread.sleep(cli.pollMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted; import " + importId + " goes on on the server (see `import status " + importId + "`)");
            } catch (CliException e) {
                throw new CliException(e.getMessage() + " (import " + importId + " goes on on the server; see `import status " + importId + "`)");
            }
            return report(api, status, out, err);
        }

        /** The summary table, the first rejected rows, and the exit code for the import's status. */
        int report(ImportApi api, JsonNode s, PrintWriter out, PrintWriter err) {
            String id = s.path("importId").asText();
            String state = s.path("status").asText();
            out.println();
            out.println("Import " + id + " " + state + " — " + s.path("file").asText("?") + elapsed(s));
            row(out, "rows total", s.path("rowsTotal").asLong());
            row(out, "rows read", s.path("rowsRead").asLong());
            row(out, "rows imported", s.path("rowsImported").asLong());
            row(out, "rows rejected", s.path("rowsRejected").asLong());
            row(out, "invoices read", s.path("invoicesRead").asLong());
            row(out, "orders recorded", s.path("ordersRecorded").asLong());
            row(out, "cancellations recorded", s.path("cancellationsRecorded").asLong());
            row(out, "anonymous sales recorded", s.path("anonymousRecorded").asLong());
            row(out, "already known", s.path("alreadyKnown").asLong());
            row(out, "customers seen", s.path("customersSeen").asLong());
            long rejected = s.path("rowsRejected").asLong();
            if (rejected > 0) {
                JsonNode rejects = api.rejects(id, SHOWN_REJECTS);
                out.println();
                out.println(rejected > rejects.size()
                        ? String.format(Locale.ROOT, "Rejected rows (first %d of %,d):", rejects.size(), rejected)
                        : "Rejected rows:");
                for (JsonNode reject : rejects) {
                    out.println(String.format(Locale.ROOT, "  line %,8d  %s", reject.path("line").asLong(), reject.path("reason").asText()));
                }
            }
            out.flush();
            switch (state) {
                case "COMPLETED":
                    return 0;
                case "FAILED":
                    err.println("import failed: " + s.path("error").asText("(no error given)"));
                    err.println("resume it with: java -jar retailpulse-exec.jar import resume " + id);
                    err.flush();
                    return 1;
                default:
                    out.println("(still running; follow it with `import status --follow " + id + "`)");
                    out.flush();
                    return 0;
            }
        }

        private static void row(PrintWriter out, String label, long value) {
            out.println(String.format(Locale.ROOT, "  %-26s %,12d", label, value));
        }

        private static String elapsed(JsonNode s) {
            try {
                Instant started = Instant.parse(s.path("startedAt").asText());
                Instant finished = s.hasNonNull("finishedAt") ? Instant.parse(s.path("finishedAt").asText()) : Instant.now();
                Duration d = Duration.between(started, finished);
                return String.format(Locale.ROOT, ", %.1f s", d.toMillis() / 1000.0);
            } catch (DateTimeParseException e) {
                return "";
            }
        }
    }

    @Command(name = "transactions", mixinStandardHelpOptions = true,
            description = "Upload a transaction file (CSV, plain or gzip; Online Retail layouts are recognised) and follow the import.")
    static final class Transactions extends Subcommand {
        @Parameters(index = "0", paramLabel = "<file>", description = "The CSV file, plain or .gz.")
        Path file;

        @Option(names = "--mapping", paramLabel = "mapping.json", description = "A JSON column mapping for other layouts.")
        Path mapping;

        @Override
        int run(PrintWriter out, PrintWriter err) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new CliException("cannot read " + file + ": " + (Files.exists(file) ? "not a readable file" : "file not found"));
            }
            String mappingJson = mapping == null ? null : readMapping(mapping);
            ImportApi api = api();
            api.checkAccess();
            out.println(String.format(Locale.ROOT, "Uploading %s (%s) to %s", file.getFileName(), size(file), api.base()));
            out.flush();
            String importId = api.upload(file, mappingJson);
            out.println("Import " + importId + " started");
            return follow(api, importId, out, err);
        }

        private static String readMapping(Path mapping) {
            try {
                String json = Files.readString(mapping, StandardCharsets.UTF_8);
                if (json.isBlank()) {
                    throw new CliException("--mapping " + mapping + " is empty");
                }
                return json;
            } catch (IOException e) {
                throw new CliException("cannot read --mapping " + mapping + ": " + e.getMessage());
            }
        }

        private static String size(Path file) {
            try {
                long bytes = Files.size(file);
                return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%,d bytes", bytes)
                        : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
            } catch (IOException e) {
                return "size unknown";
            }
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a failed import and follow it.")
    static final class Resume extends Subcommand {
        @Parameters(index = "0", paramLabel = "<importId>")
        String importId;

        @Override
        int run(PrintWriter out, PrintWriter err) {
            ImportApi api = api();
            api.resume(importId);
            out.println("Import " + importId + " resumed");
            return follow(api, importId, out, err);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show an import's counts and first rejected rows.")
    static final class Status extends Subcommand {
        @Parameters(index = "0", paramLabel = "<importId>")
        String importId;

        @Option(names = "--follow", description = "Follow a running import with the progress display until it ends.")
        boolean follow;

        @Override
        int run(PrintWriter out, PrintWriter err) {
            ImportApi api = api();
            if (follow) {
                return follow(api, importId, out, err);
            }
            return report(api, api.status(importId), out, err);
        }
    }
}
