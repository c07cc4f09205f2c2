package com.retailpulse.bench;

import java.nio.file.Path;
import java.time.Duration;

/** Command-line options of the ingestion benchmark; every one has a default. */
record Options(int orders, int customers, int rate, int kafkaFloorMessages, int esFloorDocs, Duration timeout,
               String esHeap, Path esHome, Path dataDir, boolean keepData) {

    static final String USAGE = """
            Usage: bench/run-ingestion.sh [options]
              --orders N            orders produced end-to-end (default 20000)
              --customers C         distinct customers the orders are spread over (default: = orders, one order each)
              --rate R              produce R orders per second, evenly paced, so latency is that of one order
                                    under sustained load rather than queueing (default: all at once)
              --kafka-floor N       messages for the raw Kafka floor (default 200000)
              --es-floor N          documents for the raw Elasticsearch bulk floor (default 100000)
              --timeout SECONDS     give up waiting for the profiles after this long (default 900)
              --es-heap SIZE        Elasticsearch heap (default 1g)
              --es-home DIR         unpacked Elasticsearch distribution
                                    (default: infra/target/elasticsearch/elasticsearch-8.19.21)
              --data-dir DIR        where the stack and the application keep their files (kept afterwards;
                                    default: <java.io.tmpdir>/retailpulse-bench-<pid>, deleted afterwards)
              --keep-data           do not delete the default data directory at the end
            """;

    static Options parse(String[] args) {
        int orders = 20_000;
        Integer customers = null;
        int rate = 0;
        int kafkaFloor = 200_000;
        int esFloor = 100_000;
        Duration timeout = Duration.ofSeconds(900);
        String heap = "1g";
        Path esHome = null;
        Path dataDir = null;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--orders" -> orders = positive(arg, value(args, ++i, arg));
                case "--customers" -> customers = positive(arg, value(args, ++i, arg));
                case "--rate" -> rate = positive(arg, value(args, ++i, arg));
                case "--kafka-floor" -> kafkaFloor = positive(arg, value(args, ++i, arg));
                case "--es-floor" -> esFloor = positive(arg, value(args, ++i, arg));
                case "--timeout" -> timeout = Duration.ofSeconds(positive(arg, value(args, ++i, arg)));
                case "--es-heap" -> heap = value(args, ++i, arg);
                case "--es-home" -> esHome = Path.of(value(args, ++i, arg));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--keep-data" -> keep = true;
                case "-h", "--help" -> throw new UsageException(null);
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        int c = customers == null ? orders : customers;
        if (c > orders) {
            throw new UsageException("--customers (" + c + ") cannot exceed --orders (" + orders + ")");
        }
        return new Options(orders, c, rate, kafkaFloor, esFloor, timeout, heap, esHome, dataDir, keep);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String text) {
        try {
            int v = Integer.parseInt(text.replace("_", ""));
            if (v <= 0) {
                throw new UsageException(option + " must be positive, got " + text);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number, got '" + text + "'");
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
