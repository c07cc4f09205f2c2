package com.retailpulse.infra.segments;

import com.retailpulse.contracts.tag.TagCondition;
import com.retailpulse.infra.web.InvalidRequestException;
import com.retailpulse.infra.web.RequestValues;
import com.retailpulse.projections.definition.ConditionDefinitionStore;
import com.retailpulse.projections.profile.ScenarioTags;
import com.retailpulse.projections.profile.SegmentConditionValidator;
import com.retailpulse.projections.profile.Segments;
import com.retailpulse.projections.segment.SegmentDefinitionStore;
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
 * Segment backtests (docs/backtests.md): {@code POST /api/v1/segments/backtests} (MARKETER, ANALYST) tries a
 * draft condition ({@code "condition"}, checked as the segment builder's preview checks it) or a saved segment's
 * current definition ({@code "segment"}) over a past period, with a checkpoint every {@code step} (default a
 * day); {@code GET …/backtests[/{id}]} shows progress and, once completed, members over time, entries, exits and
 * the conversions that followed; {@code POST …/backtests/{id}/cancel} stops one.
 */
@RestController
@RequestMapping("/api/v1/segments/backtests")
class SegmentBacktestController {

    private final SegmentBacktests backtests;
    private final SegmentDefinitionStore store;
    private final Segments segments;
    private final ScenarioTags scenarios;

    SegmentBacktestController(SegmentBacktests backtests, SegmentDefinitionStore store, Segments segments, ScenarioTags scenarios) {
        this.backtests = backtests;
        this.store = store;
        this.segments = segments;
        this.scenarios = scenarios;
    }

    record BacktestRequest(String segment, TagCondition condition, String from, String to, String step, String conversionWindow) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    SegmentBacktests.Backtest start(@RequestBody BacktestRequest request, Principal principal) {
        List<String> errors = new ArrayList<>();
        TagCondition condition = request.condition();
        String segment = request.segment() == null || request.segment().isBlank() ? null : request.segment().trim();
        Integer version = null;
        if (condition != null && segment != null) {
            errors.add("segment: give either a draft condition or a saved segment's key, not both");
        } else if (condition != null) {
            errors.addAll(SegmentConditionValidator.validate(null, condition, segments, scenarios));
        } else if (segment == null) {
            errors.add("condition: a draft condition is required, or the key of a saved segment");
        } else {
            ConditionDefinitionStore.StoredDefinition saved = store.find(segment).orElse(null);
            if (saved == null) {
                errors.add("segment: no segment '" + segment + "'");
            } else {
                condition = saved.condition();
                version = saved.version();
            }
        }
        RequestValues.Period period = RequestValues.period(request.from(), request.to(), null, errors);
        Duration step = RequestValues.positiveDuration("step", request.step(), Duration.ofDays(1), errors);
        Duration window = RequestValues.positiveDuration("conversionWindow", request.conversionWindow(), Duration.ofDays(7), errors);
        SegmentBacktest.Plan plan = null;
        if (errors.isEmpty()) {
            try {
                plan = new SegmentBacktest.Plan(period.from(), period.to(), step, window);
            } catch (IllegalArgumentException e) {
                errors.add("step: " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid segment backtest", errors);
        }
        return backtests.start(segment, version, condition, plan, principal.getName());
    }

    @GetMapping
    List<SegmentBacktests.Backtest> list(@RequestParam(required = false) String segment, @RequestParam(defaultValue = "20") int limit) {
        return backtests.list(segment, Math.max(1, Math.min(limit, 200)));
    }

    @GetMapping("/{id}")
    SegmentBacktests.Backtest backtest(@PathVariable String id) {
        return backtests.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no segment backtest " + id));
    }

    @PostMapping("/{id}/cancel")
    SegmentBacktests.Backtest cancel(@PathVariable String id) {
        backtest(id); // 404 when there is none
        backtests.cancel(id);
        return backtest(id);
    }
}
