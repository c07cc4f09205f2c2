package com.retailpulse.infra.models;

import com.retailpulse.infra.web.InvalidRequestException;
import com.retailpulse.intelligence.recommend.ScoredItem;
import com.retailpulse.intelligence.recommend.TrainedRecommender;
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
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    private final CustomerScoring scoring;

    ModelController(ModelTrainings trainings, ModelRegistry registry, Recommendations recommendations, CustomerScoring scoring) {
        this.scoring = scoring;
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
    ModelTrainings.Training train(@PathVariable String name, @RequestParam Map<String, String> parameters, Principal principal) {
        Map<String, String> options = new TreeMap<>(parameters);
        try {
            String cutoff = options.remove("cutoff");
            return trainings.start(name, cutoff == null ? null : Instant.parse(cutoff), options, principal.getName());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid(e.getMessage());
        }
    }

    /** Scores every customer with purchases with the models in service, in the background (ADMIN). */
    @PostMapping("/api/v1/models/scorings")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CustomerScoring.Run score(Principal principal) {
        return scoring.start("requested by " + principal.getName());
    }

    @GetMapping("/api/v1/models/scorings/{id}")
    CustomerScoring.Run scoring(@PathVariable String id) {
        return scoring.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no scoring run " + id));
    }

    @GetMapping("/api/v1/models/trainings/{id}")
    ModelTrainings.Training training(@PathVariable String id) {
        return trainings.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no training " + id));
    }

    /** A trainable model: its versions so far and the one in service (the newest promoted), if any. */
    record ModelSummary(String name, int versions, ModelRegistry.Version inService, ModelRegistry.Version latest) {
    }

    @GetMapping("/api/v1/models")
    List<ModelSummary> models() {
        return trainings.models().stream().map(name -> {
            List<ModelRegistry.Version> versions = registry.versions(name);
            ModelRegistry.Version inService = versions.stream().filter(ModelRegistry.Version::promoted)
                    .reduce((a, b) -> b).orElse(null);
            return new ModelSummary(name, versions.size(), inService, versions.isEmpty() ? null : versions.get(versions.size() - 1));
        }).toList();
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

    private InService<TrainedRecommender> served() {
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
