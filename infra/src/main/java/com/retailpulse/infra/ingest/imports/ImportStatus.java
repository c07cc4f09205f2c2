package com.retailpulse.infra.ingest.imports;

/** Where an import stands. RUNNING imports interrupted by a stop are resumed at the next start. */
public enum ImportStatus {
    RUNNING, COMPLETED, FAILED
}
