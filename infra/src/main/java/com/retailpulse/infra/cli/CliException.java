package com.retailpulse.infra.cli;

/** A usage, connection or HTTP problem the command reports as one clear line and exit code 2. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message, null, false, false);
    }
}
