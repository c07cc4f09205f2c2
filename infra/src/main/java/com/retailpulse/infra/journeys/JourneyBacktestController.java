package com.retailpulse.infra.journeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.infra.web.InvalidRequestException;
import com.retailpulse.infra.web.RequestValues;
import com.retailpulse.projections.journey.JourneyCatalogue;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Journey backtests (docs/backtests.md): {@code POST /api/v1/journeys/backtests} (MARKETER) queues a
 * backtest of a draft graph ({@code "graph"}, checked as a publication would be) or of a published version
 * ({@code "journey"} and {@code "version"}) over a past period; {@code GET …/backtests[/{id}]} shows progress
 * and, once completed, what the journey would have done; {@code POST …/backtests/{id}/cancel} stops one.
 */
@RestController
@RequestMapping("/api/v1/journeys/backtests")
class JourneyBacktestController {

    /** Five years of history at most: a backtest holds the period's events in memory. */
    private static final Duration LONGEST_PERIOD = Duration.ofDays(5 * 366);

    private final JourneyBacktests backtests;
    private final JourneyCatalogue catalogue;
    private final JourneyChecks checks;
    private final ObjectMapper json;

    JourneyBacktestController(JourneyBacktests backtests, JourneyCatalogue catalogue, JourneyChecks checks, ObjectMapper json) {
        this.backtests = backtests;
        this.catalogue = catalogue;
        this.checks = checks;
        this.json = json;
    }

    record BacktestRequest(String journey, Integer version, JsonNode graph, String from, String to, String conversionWindow) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    JourneyBacktests.Backtest start(@RequestBody BacktestRequest request, Principal principal) {
        List<String> errors = new ArrayList<>();
        JourneyKey key = null;
        if (request.journey() == null || request.journey().isBlank()) {
            errors.add("journey: the journey's key is required (a draft's future key, or a published journey's)");
        } else {
            try {
                key = new JourneyKey(request.journey().trim());
            } catch (IllegalArgumentException e) {
                errors.add("journey: " + e.getMessage());
            }
        }
        RequestValues.Period period = RequestValues.period(request.from(), request.to(), LONGEST_PERIOD, errors);
        Duration window = RequestValues.positiveDuration("conversionWindow", request.conversionWindow(), Duration.ofDays(7), errors);
        JourneyGraph graph = null;
        if (request.graph() != null && !request.graph().isNull()) {
            if (request.version() != null) {
                errors.add("version: give either a draft graph or the version of a published journey, not both");
            }
            try {
                graph = json.treeToValue(request.graph(), JourneyGraph.class);
                checks.problems(graph).forEach(p -> errors.add("graph: " + p));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                errors.add("graph: " + (e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage()));
            }
        } else if (request.version() == null) {
            errors.add("graph: a draft graph is required, or the version of a published journey");
        } else if (key != null) {
            graph = catalogue.graph(key, request.version()).orElse(null);
            if (graph == null) {
                errors.add("version: journey '" + key + "' has no version " + request.version());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid backtest", errors);
        }
        return backtests.start(key, request.version(), graph, period.from(), period.to(), window, principal.getName());
    }

    @GetMapping
    List<JourneyBacktests.Backtest> list(@RequestParam(required = false) String journey, @RequestParam(defaultValue = "20") int limit) {
        return backtests.list(journey, Math.max(1, Math.min(limit, 200)));
    }

    @GetMapping("/{id}")
    JourneyBacktests.Backtest backtest(@PathVariable String id) {
        return backtests.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no journey backtest " + id));
    }

    @GetMapping("/{id}/graph")
    JourneyGraph graph(@PathVariable String id) {
        return backtests.graph(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no journey backtest " + id));
    }

    @PostMapping("/{id}/cancel")
    JourneyBacktests.Backtest cancel(@PathVariable String id) {
        backtest(id); // 404 when there is none
        backtests.cancel(id);
        return backtest(id);
    }
}
