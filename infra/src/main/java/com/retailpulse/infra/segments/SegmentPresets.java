package com.retailpulse.infra.segments;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.tag.TagCondition;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The core groups of a retail brand, shipped as ready definitions (segments/presets.json): a marketer
 * installs one as a segment and tunes its thresholds like any other definition (docs/segments.md).
 */
@Component
class SegmentPresets {

    record Preset(String key, String name, String description, TagCondition condition) {
    }

    private final List<Preset> presets;

    SegmentPresets(ObjectMapper json) {
        try (InputStream in = SegmentPresets.class.getResourceAsStream("/segments/presets.json")) {
            if (in == null) {
                throw new IllegalStateException("segments/presets.json is missing from the application");
            }
            presets = List.copyOf(json.readValue(in, new TypeReference<List<Preset>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("segments/presets.json cannot be read", e);
        }
    }

    List<Preset> all() {
        return presets;
    }

    Optional<Preset> find(String key) {
        return presets.stream().filter(p -> p.key().equals(key)).findFirst();
    }
}
