package com.retailpulse.infra.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Elasticsearch, run as a child process from the distribution the Maven build
 * unpacks. Everything the node writes (config, keystore, data, logs, gc logs, tmp) stays under
 * {@code dataDir}, so indices survive restarts on the same directory.
 */
public final class LocalElasticsearch implements LocalService {
    private static final Logger log = LoggerFactory.getLogger(LocalElasticsearch.class);
    private static final Logger output = LoggerFactory.getLogger("elasticsearch");
    private static final String VERSION = "8.19.21";
    private static final int MIN_JAVA = 17;
    private static final String ES_USER = "retailpulse-es";
    // A crash is seen at once (the process exits); a slow start on a loaded 2-core machine can take minutes.
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int TAIL_LINES = 40;

    private final Path distributionHome;
    private final Path dataDir;
    private final String host;
    private final int httpPort;
    private final String heap;
    private final Deque<String> tail = new ArrayDeque<>();
    private Process process;

    public LocalElasticsearch(Path distributionHome, Path dataDir, String host, int httpPort, String heap) {
        this.distributionHome = distributionHome.toAbsolutePath();
        this.dataDir = dataDir.toAbsolutePath();
        this.host = host;
        this.httpPort = httpPort;
        this.heap = heap;
    }

    public LocalElasticsearch(Path distributionHome, Path dataDir, String host, int httpPort) {
        this(distributionHome, dataDir, host, httpPort, "1g");
    }

    @Override
    public String name() {
        return "Elasticsearch";
    }

    @Override
    public String address() {
        return "http://" + host + ":" + httpPort;
    }

    @Override
    public synchronized void start() {
        if (process != null) {
            return;
        }
        requireFreePort();
        Path launcher = distributionHome.resolve("bin/elasticsearch");
        if (!Files.isExecutable(launcher)) {
            throw new LocalStackException("Elasticsearch " + VERSION + " distribution not found: expected " + launcher
                    + ". It is unpacked by the Maven build; run ./mvnw install -DskipTests first.");
        }
        long started = System.nanoTime();
        try {
            Path config = prepareDataDir();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("ES_JAVA_HOME", javaHome());
            env.put("ES_PATH_CONF", config.toString());
            env.put("ES_TMPDIR", dataDir.resolve("tmp").toString());
            env.put("ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap);
            process = launch(launcher, env);
            awaitHealthy();
        } catch (IOException e) {
            close();
            throw new LocalStackException("Elasticsearch failed to start on " + address() + " (data: " + dataDir + "): " + e, e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("Elasticsearch {} ready on {} in {} s (data: {})", VERSION, address(),
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9), dataDir);
    }

    private void requireFreePort() {
        try {
            Ports.requireFree(name(), host, httpPort, "RETAILPULSE_ELASTICSEARCH_PORT");
        } catch (LocalStackException e) {
            // Ports binds without SO_REUSEADDR, so the TIME_WAIT connections a node stopped less than a
            // minute ago leaves on its port count as "in use"; ES binds with SO_REUSEADDR and starts fine.
            if (!bindsWithReuseAddress()) {
                throw e;
            }
        }
    }

    private boolean bindsWithReuseAddress() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), httpPort));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Returns the node's config dir, copied from the distribution once; elasticsearch.yml is rewritten every start. */
    private Path prepareDataDir() throws IOException {
        Path config = dataDir.resolve("config");
        if (!Files.exists(config.resolve("jvm.options"))) {
            copyTree(distributionHome.resolve("config"), config);
        }
        for (String dir : List.of("data", "logs", "tmp")) {
            Files.createDirectories(dataDir.resolve(dir));
        }
        // The distribution bundles x-pack-security; left on, it auto-configures TLS and passwords on first
        // start (plain HTTP then gets its connection closed), so a local dev node turns it off explicitly.
        Files.writeString(config.resolve("elasticsearch.yml"), String.join("\n",
                "cluster.name: retailpulse",
                "node.name: retailpulse-local",
                "network.host: " + host,
                "http.port: " + httpPort,
                "transport.port: " + Ports.free(),
                "discovery.type: single-node",
                "path.data: " + dataDir.resolve("data"),
                "path.logs: " + dataDir.resolve("logs"),
                "action.auto_create_index: true",
                "xpack.security.enabled: false",
                ""));
        if (isRoot()) {
            ensureUser();
            run("chown", "-R", ES_USER + ":", dataDir.toString());
            if (!succeeds("runuser", "-u", ES_USER, "--", "test", "-r", distributionHome.resolve("lib").toString(),
                    "-a", "-w", dataDir.toString())) {
                throw new LocalStackException("Elasticsearch refuses to run as root, so it runs as user " + ES_USER
                        + ", who cannot read " + distributionHome + " or write " + dataDir
                        + ": every parent directory of both must be traversable by others (chmod o+x).");
            }
        }
        return config;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    /** ES 8.19 needs Java 17 or newer (its launcher checks); ES_JAVA_HOME overrides the JVM running us. */
    private static String javaHome() {
        String fromEnv = System.getenv("ES_JAVA_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        if (Runtime.version().feature() < MIN_JAVA) {
            throw new LocalStackException("Elasticsearch " + VERSION + " needs Java " + MIN_JAVA + " or newer, but this JVM is "
                    + Runtime.version() + ". Point the environment variable ES_JAVA_HOME at a JDK " + MIN_JAVA + "+.");
        }
        return System.getProperty("java.home");
    }

    private Process launch(Path launcher, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            // runuser resets part of the environment, so the variables travel through env(1).
            command.addAll(List.of("runuser", "-u", ES_USER, "--", "env"));
            env.forEach((k, v) -> command.add(k + "=" + v));
        }
        command.add(launcher.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                // jvm.options writes gc.log and hs_err files relative to the working directory.
                .directory(dataDir.resolve("logs").toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        synchronized (tail) {
            tail.clear();
        }
        Process started = builder.start();
        Thread pump = new Thread(() -> pump(started), "elasticsearch-output");
        pump.setDaemon(true);
        pump.start();
        return started;
    }

    private void pump(Process source) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.debug(line);
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
            }
        } catch (IOException e) {
            // the stream closes when the process dies; nothing left to read
        }
    }

    private String tail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    private void awaitHealthy() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(address() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + HEALTH_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new LocalStackException("Elasticsearch exited with code " + process.exitValue() + " before it became healthy on "
                        + address() + " (data: " + dataDir + "). Last output:\n" + tail());
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("interrupted while waiting for Elasticsearch on " + address(), e);
            }
            sleep(250);
        }
        throw new LocalStackException("Elasticsearch on " + address() + " was not healthy within " + HEALTH_TIMEOUT.toSeconds()
                + " s (data: " + dataDir + "). Last output:\n" + tail());
    }

    private static boolean isRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void ensureUser() {
        if (!succeeds("id", ES_USER)) {
            run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", ES_USER);
        }
    }

    private static void run(String... command) {
        if (!succeeds(command)) {
            throw new LocalStackException("Elasticsearch setup failed: " + String.join(" ", command) + " did not succeed");
        }
    }

    private static boolean succeeds(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            throw new LocalStackException("Elasticsearch setup cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while running " + command[0], e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for Elasticsearch", e);
        }
    }

    /**
     * Stops the whole tree (runuser, the CLI launcher, the server JVM): a SIGTERM to the server JVM
     * itself lets it flush and close its indices; whatever still runs after the grace period is killed.
     */
    @Override
    public synchronized void close() {
        Process running = process;
        process = null;
        if (running == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>();
        childrenFirst(running.toHandle(), tree);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                log.warn("Elasticsearch process {} did not stop within {} s; killing it", handle.pid(), STOP_TIMEOUT.toSeconds());
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void childrenFirst(ProcessHandle parent, List<ProcessHandle> out) {
        parent.children().forEach(child -> childrenFirst(child, out));
        out.add(parent);
    }
}
