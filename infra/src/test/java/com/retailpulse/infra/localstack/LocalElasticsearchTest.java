package com.retailpulse.infra.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalElasticsearchTest {
    private static final Path DISTRIBUTION = Path.of("target/elasticsearch/elasticsearch-8.19.21");

    private final HttpClient http = HttpClient.newHttpClient();

    // The temp dir itself is the data dir: when run as root it is chowned to the ES user, which
    // makes it usable even though JUnit creates it with mode 700.
    @TempDir
    Path dataDir;

    @Test
    void keepsDocumentsAcrossRestarts() throws Exception {
        int port = Ports.free();
        try (LocalElasticsearch es = new LocalElasticsearch(DISTRIBUTION, dataDir, "127.0.0.1", port)) {
            es.start();
            assertThat(es.address()).isEqualTo("http://127.0.0.1:" + port);
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(es.address() + "/t/_doc/1?refresh=true"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"sku\":\"A-1\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
            assertThat(get(es)).contains("\"sku\":\"A-1\"");
        }
        try (LocalElasticsearch es = new LocalElasticsearch(DISTRIBUTION, dataDir, "127.0.0.1", port)) {
            es.start();
            assertThat(get(es)).contains("\"found\":true", "\"sku\":\"A-1\"");
        }
    }

    @Test
    void takenPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress());
             LocalElasticsearch es = new LocalElasticsearch(DISTRIBUTION, dataDir, "127.0.0.1", taken.getLocalPort())) {
            assertThatThrownBy(es::start)
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()))
                    .hasMessageContaining("RETAILPULSE_ELASTICSEARCH_PORT");
        }
    }

    private String get(LocalElasticsearch es) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(es.address() + "/t/_doc/1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
