package com.retailpulse.infra.models;

import com.retailpulse.infra.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a restarted platform serves: the newest promoted version in the registry, read back from its bytes. */
@IntegrationTest
class InServiceTest {

    @Autowired
    ModelRegistry registry;

    private ModelRegistry.Version version(String name, boolean promoted, String model) {
        byte[] bytes = model.getBytes(StandardCharsets.UTF_8);
        return registry.register(new ModelRegistry.Version(name, 0, "test", Instant.now(), "test", null, null, Instant.now(), 1,
                Map.of(), Map.of(), promoted, List.of(), bytes.length), bytes);
    }

    @Test
    void the_newest_promoted_version_is_loaded_and_an_unreadable_one_leaves_none_in_service() {
        String name = "reload-" + UUID.randomUUID();
        assertThat(InService.load(registry, name, bytes -> new String(bytes, StandardCharsets.UTF_8))).isNull();

        version(name, true, "first");
        ModelRegistry.Version second = version(name, true, "second");
        version(name, false, "refused by its gate");
        InService<String> loaded = InService.load(registry, name, bytes -> new String(bytes, StandardCharsets.UTF_8));
        assertThat(loaded.version().version()).isEqualTo(second.version());
        assertThat(loaded.model()).isEqualTo("second");
        assertThat(loaded.since()).as("events the scorer has not reached yet are still its to score").isEqualTo(Instant.EPOCH);

        assertThat(InService.<String>load(registry, name, bytes -> {
            throw new IOException("corrupt");
        })).isNull();
    }
}
