package com.retailpulse.infra.journeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.journey.JourneyGraph;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four seed journeys of docs/journeys.md (resources {@code journeys/*.json}), filled with the brand's
 * offers: a no-threshold voucher (login and cart flows) and a wake-up pack (churn flow).
 */
@Component
class JourneySeeds {

    static final List<String> KEYS = List.of("login-recommendation", "cart-recovery", "churn-wake-up", "stroller-car-seat");

    private final ObjectMapper json;

    JourneySeeds(ObjectMapper json) {
        this.json = json;
    }

    Map<String, JourneyGraph> graphs(String voucherOfferId, String wakeUpOfferId) {
        Map<String, JourneyGraph> graphs = new LinkedHashMap<>();
        for (String key : KEYS) {
            String text = read("journeys/" + key + ".json")
                    .replace("${voucherOfferId}", voucherOfferId)
                    .replace("${wakeUpOfferId}", wakeUpOfferId);
            try {
                graphs.put(key, json.readValue(text, JourneyGraph.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("seed journey " + key + " cannot be read: " + e.getOriginalMessage(), e);
            }
        }
        return graphs;
    }

    private static String read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("seed journey " + path + " is missing", e);
        }
    }
}
