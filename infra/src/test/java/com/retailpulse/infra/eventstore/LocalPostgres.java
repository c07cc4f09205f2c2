package com.retailpulse.infra.eventstore;

import com.retailpulse.infra.localstack.Ports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server from the machine's own PostgreSQL binaries (Debian package
 * {@code postgresql}, which .ci/run installs), for testing the JDBC event store on PostgreSQL.
 * PostgreSQL refuses root, so as root it runs as the package's {@code postgres} user.
 */
final class LocalPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dataDir;
    private final int port = Ports.free();
    private final boolean root = "root".equals(System.getProperty("user.name"));

    private LocalPostgres(Path bin, Path dataDir) {
        this.bin = bin;
        this.dataDir = dataDir;
    }

    /** The newest installed server's bin directory, if any. */
    static Optional<Path> serverBinaries() {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static LocalPostgres start(Path bin, Path parent) throws IOException, InterruptedException {
        Files.createDirectories(parent);
        LocalPostgres pg = new LocalPostgres(bin, parent.resolve("pgdata"));
        if (pg.root) {
            run(List.of("chown", "postgres", parent.toString()));
        }
        pg.asOwner(List.of(bin.resolve("initdb").toString(), "-D", pg.dataDir.toString(), "-U", "retailpulse",
                "--auth=trust", "--encoding=UTF8", "--no-sync"));
        pg.asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", pg.dataDir.toString(), "-w", "-t", "60",
                "-l", parent.resolve("postgres.log").toString(),
                "-o", "-p " + pg.port + " -c listen_addresses=127.0.0.1 -k " + parent, "start"));
        return pg;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private void asOwner(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
    }
}
