package com.retailpulse.infra.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A POS transaction file imported through {@code POST /api/v1/imports/transactions}, as an admin would. */
public final class TransactionImports {

    private TransactionImports() {
    }

    /** Uploads the file and waits up to {@code atMost} for the import to stop running; answers its last status. */
    public static JsonNode run(Api api, Path file, Duration atMost) {
        Api.Response accepted = api.postMultipart("/api/v1/imports/transactions", Api.admin(), "file", file);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String importId = accepted.json().get("importId").asText();
        return await().atMost(atMost).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/api/v1/imports/" + importId, Api.admin()).json(), s -> !"RUNNING".equals(s.get("status").asText()));
    }
}
