package com.retailpulse.infra.attribution;

import com.retailpulse.infra.web.InvalidRequestException;
import com.retailpulse.infra.web.RequestValues;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * Attribution (docs/attribution.md). Definitions, versioned: {@code PUT /api/v1/attribution/definitions/{key}}
 * (ANALYST) stores the next version, {@code GET …/definitions[/{key}]} lists them. Runs replay the event
 * store: {@code POST /api/v1/attribution/runs} (ANALYST) queues one; {@code GET …/runs/{id}} shows its
 * progress and, once completed, every model's credits side by side and the campaigns' holdout lift;
 * {@code POST …/runs/{id}/rerun} replays the same definition version, period and events again;
 * {@code POST …/runs/{id}/cancel} stops one.
 */
@RestController
@RequestMapping("/api/v1/attribution")
class AttributionController {

    private final AttributionDefinitions definitions;
    private final AttributionRuns runs;

    AttributionController(AttributionDefinitions definitions, AttributionRuns runs) {
        this.definitions = definitions;
        this.runs = runs;
    }

    record DefinitionView(AttributionDefinition latest, List<AttributionDefinition> versions) {
    }

    record RunRequest(String definition, Integer version, String from, String to) {
    }

    @PutMapping("/definitions/{key}")
    AttributionDefinition define(@PathVariable String key, @RequestBody AttributionDefinitions.Request request, Principal principal) {
        return definitions.save(key, request, principal.getName());
    }

    @GetMapping("/definitions")
    List<AttributionDefinition> definitions() {
        return definitions.all();
    }

    @GetMapping("/definitions/{key}")
    DefinitionView definition(@PathVariable String key) {
        List<AttributionDefinition> versions = definitions.versions(key);
        if (versions.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no attribution definition '" + key + "'");
        }
        return new DefinitionView(versions.get(versions.size() - 1), versions);
    }

    @PostMapping("/runs")
    @ResponseStatus(HttpStatus.ACCEPTED)
    AttributionRuns.Run start(@RequestBody RunRequest request, Principal principal) {
        List<String> errors = new ArrayList<>();
        if (request.definition() == null || request.definition().isBlank()) {
            errors.add("definition: the key of an attribution definition is required");
        }
        RequestValues.Period period = RequestValues.period(request.from(), request.to(), null, errors);
        AttributionDefinition definition = null;
        if (errors.isEmpty()) {
            definition = (request.version() == null ? definitions.latest(request.definition())
                    : definitions.version(request.definition(), request.version())).orElse(null);
            if (definition == null) {
                errors.add("definition: no attribution definition '" + request.definition() + "'"
                        + (request.version() == null ? "" : " version " + request.version()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid attribution run", errors);
        }
        return runs.start(definition, period.from(), period.to(), principal.getName());
    }

    @GetMapping("/runs")
    List<AttributionRuns.Run> runs(@RequestParam(required = false) String definition,
                                   @RequestParam(defaultValue = "20") int limit) {
        return runs.list(definition, Math.max(1, Math.min(limit, 200)));
    }

    @GetMapping("/runs/{id}")
    AttributionRuns.Run run(@PathVariable String id) {
        return runs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no attribution run " + id));
    }

    @PostMapping("/runs/{id}/rerun")
    @ResponseStatus(HttpStatus.ACCEPTED)
    AttributionRuns.Run rerun(@PathVariable String id, Principal principal) {
        return runs.rerun(run(id), principal.getName());
    }

    @PostMapping("/runs/{id}/cancel")
    AttributionRuns.Run cancel(@PathVariable String id) {
        AttributionRuns.Run run = run(id);
        if (!runs.cancel(id)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "attribution run " + id + " is " + run.status()
                    + ": only a queued or running run can be cancelled");
        }
        return run(id);
    }
}
