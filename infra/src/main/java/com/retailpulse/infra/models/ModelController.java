package com.retailpulse.infra.models;

import com.retailpulse.infra.web.InvalidRequestException;
import com.retailpulse.intelligence.recommend.ScoredItem;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

/**
 * Models (docs/models.md): train a version from the event store ({@code POST /api/v1/models/{name}/trainings},
 * ADMIN; progress at {@code GET /api/v1/models/trainings/{id}}), see every version with its data window,
 * metrics against the baseline and promotion decision ({@code GET /api/v1/models/{name}}), and the
 * recommendations of the version in service.
 */
@RestController
class ModelController {

    private static final int MAX_K = 100;

    private final ModelTrainings trainings;
    private final ModelRegistry registry;
    private final Recommendations recommendations;

    ModelController(ModelTrainings trainings, ModelRegistry registry, Recommendations recommendations) {
        this.trainings = trainings;
        this.registry = registry;
        this.recommendations = recommendations;
    }

    record RecommendationsView(String customerId, String model, int version, List<ScoredItem> items) {
    }

    record SimilarView(String sku, String model, int version, List<ScoredItem> items) {
    }

    @PostMapping("/api/v1/models/{name}/trainings")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ModelTrainings.Training train(@PathVariable String name,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant cutoff,
                                  Principal principal) {
        try {
            return trainings.start(name, cutoff, principal.getName());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    @GetMapping("/api/v1/models/trainings/{id}")
    ModelTrainings.Training training(@PathVariable String id) {
        return trainings.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no training " + id));
    }

    @GetMapping("/api/v1/models/{name}")
    List<ModelRegistry.Version> versions(@PathVariable String name) {
        List<ModelRegistry.Version> versions = registry.versions(name);
        if (versions.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no version of model " + name + " has been trained");
        }
        return versions;
    }

    @GetMapping("/api/v1/customers/{id}/recommendations")
    RecommendationsView forCustomer(@PathVariable String id, @RequestParam(defaultValue = "10") int k) {
        var served = served();
        return new RecommendationsView(id, Recommendations.MODEL, served.version().version(),
                recommendations.forCustomer(id, k(k)).orElseThrow());
    }

    @GetMapping("/api/v1/catalogue/products/{sku}/similar")
    SimilarView similar(@PathVariable String sku, @RequestParam(defaultValue = "10") int k) {
        var served = served();
        return new SimilarView(sku, Recommendations.MODEL, served.version().version(),
                recommendations.similarTo(sku, k(k)).orElseThrow());
    }

    private Recommendations.Served served() {
        return recommendations.served().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no recommendation model is in service yet: train one with POST /api/v1/models/recommendations/trainings"));
    }

    private static int k(int k) {
        if (k < 1 || k > MAX_K) {
            throw invalid("k: must be 1–" + MAX_K + ", got " + k);
        }
        return k;
    }

    private static InvalidRequestException invalid(String error) {
        return new InvalidRequestException("Invalid model request", List.of(error));
    }
}
