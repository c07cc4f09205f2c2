package com.retailpulse.infra.segments;

import com.retailpulse.contracts.segment.DefineSegmentCommand;
import com.retailpulse.contracts.segment.RetireSegmentCommand;
import com.retailpulse.contracts.segment.SegmentDefinedEvent;
import com.retailpulse.contracts.segment.SegmentKey;
import com.retailpulse.contracts.tag.TagCondition;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.infra.web.InvalidRequestException;
import com.retailpulse.infra.web.ProjectionVisibility;
import com.retailpulse.infra.tags.TagBackfills;
import com.retailpulse.projections.profile.ScenarioTags;
import com.retailpulse.projections.profile.SegmentConditionValidator;
import com.retailpulse.projections.profile.Segments;
import com.retailpulse.projections.segment.SegmentDefinitionStore;
import com.retailpulse.projections.definition.ConditionDefinitionStore;
import com.retailpulse.projections.segment.SegmentMembershipHistory;
import com.retailpulse.projections.segment.SegmentSearch;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Segments (docs/segments.md): define and version them ({@code PUT /api/v1/segments/{key}}; MARKETER),
 * count and sample a draft while editing ({@code POST /api/v1/segments/preview}), list members now or as
 * of a past time, export them as CSV or to Kafka. A change is back-filled into every profile, so members
 * enter and leave at once, and each entry and exit is recorded on the customer with the version.
 */
@RestController
@RequestMapping("/api/v1/segments")
class SegmentController {

    private static final int MAX_SAMPLE = 200;
    private static final java.util.Set<String> RESERVED = java.util.Set.of("presets", "preview", "fields", "backtests");

    private final CommandGateway commands;
    private final SegmentDefinitionStore store;
    private final Segments segments;
    private final ScenarioTags scenarios;
    private final SegmentSearch search;
    private final SegmentMembershipHistory history;
    private final SegmentKafkaExport kafkaExport;
    private final SegmentPresets presets;
    private final TagBackfills backfills;
    private final EventStore eventStore;
    private final Clock clock;

    SegmentController(CommandGateway commands, SegmentDefinitionStore store, Segments segments, ScenarioTags scenarios,
                      SegmentSearch search, SegmentMembershipHistory history, SegmentKafkaExport kafkaExport, SegmentPresets presets, TagBackfills backfills,
                      EventStore eventStore, Clock clock) {
        this.commands = commands;
        this.store = store;
        this.segments = segments;
        this.scenarios = scenarios;
        this.search = search;
        this.history = history;
        this.kafkaExport = kafkaExport;
        this.presets = presets;
        this.backfills = backfills;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    record DefinitionRequest(String name, String description, TagCondition condition) {
    }

    record PreviewRequest(TagCondition condition, Integer sample) {
    }

    record Version(int version, String name, String description, TagCondition condition, Instant definedAt, String definedBy) {
    }

    record DefinitionView(String key, int version, String name, String description, TagCondition condition, boolean retired,
                          Instant changedAt, long members, List<Version> versions) {
    }

    record ChangeView(String key, int version, TagBackfills.Backfill backfill) {
    }

    record MembersView(String segment, Instant asOf, long count, List<?> sample) {
    }

    @PutMapping("/{key}")
    ChangeView define(@PathVariable String key, @RequestBody DefinitionRequest request, Principal principal) {
        SegmentKey segmentKey = key(key);
        if (RESERVED.contains(key)) {
            throw invalid(List.of("key: '" + key + "' is reserved for the API; choose another"));
        }
        List<String> errors = new ArrayList<>();
        if (request.name() == null || request.name().isBlank()) {
            errors.add("name: required (shown to marketers)");
        }
        errors.addAll(SegmentConditionValidator.validate(key, request.condition(), segments, scenarios));
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        int version = commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                new DefineSegmentCommand(segmentKey, request.name(), request.description(), request.condition()))
                .andMetaData(metaData(principal)));
        ProjectionVisibility.awaitApplied(() -> segments.find(key) != null && segments.find(key).version() == version, "segment");
        return new ChangeView(key, version, backfills.start("segment " + key + " version " + version));
    }

    @DeleteMapping("/{key}")
    ChangeView retire(@PathVariable String key, @RequestParam(defaultValue = "") String reason, Principal principal) {
        SegmentKey segmentKey = key(key);
        var stored = stored(key);
        List<String> users = segments.inForce().values().stream()
                .filter(d -> !d.key().equals(key) && Segments.references(d.condition()).contains(key))
                .map(Segments.Definition::key).sorted().toList();
        if (!users.isEmpty()) {
            throw invalid(List.of("key: segment " + key + " is used by " + String.join(", ", users)
                    + "; change or retire those first"));
        }
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RetireSegmentCommand(segmentKey, reason))
                .andMetaData(metaData(principal)));
        ProjectionVisibility.awaitApplied(() -> segments.find(key) == null, "segment");
        return new ChangeView(key, stored.version(), backfills.start("segment " + key + " retired"));
    }

    record PresetView(String key, String name, String description, TagCondition condition, boolean installed,
                      List<String> problems) {
    }

    /** The ready definitions of a retail brand's core groups, and whether each is installed. */
    @GetMapping("/presets")
    List<PresetView> presets() {
        return presets.all().stream().map(p -> new PresetView(p.key(), p.name(), p.description(), p.condition(),
                segments.find(p.key()) != null,
                SegmentConditionValidator.validate(p.key(), p.condition(), segments, scenarios))).toList();
    }

    /** Installs a preset as a segment of the same key (a new version if it exists). */
    @PostMapping("/presets/{key}")
    ChangeView installPreset(@PathVariable String key, Principal principal) {
        var preset = presets.find(key).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no preset " + key));
        return define(key, new DefinitionRequest(preset.name(), preset.description(), preset.condition()), principal);
    }

    @GetMapping
    List<DefinitionView> list() {
        return store.all().stream().map(d -> view(d, false)).toList();
    }

    @GetMapping("/{key}")
    DefinitionView one(@PathVariable String key) {
        return view(stored(key), true);
    }

    /** Count and sample of a draft condition, for the editor: nothing is saved. */
    @PostMapping("/preview")
    SegmentSearch.Preview preview(@RequestBody PreviewRequest request) {
        List<String> errors = SegmentConditionValidator.validate(null, request.condition(), segments, scenarios);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return search.preview(request.condition(), sample(request.sample()));
    }

    /** Members now (from the profiles) or at a past time (from the recorded entries and exits). */
    @GetMapping("/{key}/members")
    MembersView members(@PathVariable String key, @RequestParam(required = false) Integer sample,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf) {
        stored(key);
        if (asOf != null) {
            var then = history.membersAt(key, asOf, sample(sample));
            return new MembersView(key, asOf, then.count(), then.sample());
        }
        var now = search.members(key, sample(sample));
        return new MembersView(key, null, now.count(), now.sample());
    }

    /** Every current member as CSV, streamed page by page. */
    @GetMapping(value = "/{key}/export", produces = "text/csv")
    ResponseEntity<StreamingResponseBody> exportCsv(@PathVariable String key) {
        var definition = stored(key);
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader("customerId", "identifiers",
                    "valueTier", "lifecycleStage", "ltv", "orders", "daysSinceLastOrder").get())) {
                search.forEachMember(key, page -> page.forEach(m -> {
                    try {
                        csv.printRecord(m.customerId(), String.join(" ", m.identifiers()), m.valueTier(), m.lifecycleStage(),
                                m.ltv(), m.ordersTotal(), m.daysSinceLastOrder());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"segment-" + key + "-v" + definition.version() + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(body);
    }

    /** Publishes every current member to the export topic. */
    @PostMapping("/{key}/exports")
    SegmentKafkaExport.Exported exportToKafka(@PathVariable String key) {
        var definition = stored(key);
        if (definition.retired()) {
            throw invalid(List.of("key: segment " + key + " is retired; nothing to export"));
        }
        return kafkaExport.export(search, key, definition.version(), UUID.randomUUID().toString(), clock.instant());
    }

    private ConditionDefinitionStore.StoredDefinition stored(String key) {
        return store.find(key).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no segment " + key));
    }

    private DefinitionView view(ConditionDefinitionStore.StoredDefinition d, boolean withVersions) {
        List<Version> versions = withVersions ? eventStore.readEvents(d.key()).asStream()
                .filter(e -> e.getPayload() instanceof SegmentDefinedEvent)
                .map(e -> {
                    SegmentDefinedEvent v = (SegmentDefinedEvent) e.getPayload();
                    return new Version(v.version(), v.name(), v.description(), v.condition(), v.definedAt(),
                            String.valueOf(e.getMetaData().get(AxonConfig.ISSUED_BY)));
                }).toList() : List.of();
        return new DefinitionView(d.key(), d.version(), d.name(), d.description(), d.condition(), d.retired(), d.changedAt(),
                d.retired() ? 0 : search.members(d.key(), 0).count(), versions);
    }

    private static int sample(Integer requested) {
        int n = requested == null ? 20 : requested;
        if (n < 0 || n > MAX_SAMPLE) {
            throw invalid(List.of("sample: must be 0–" + MAX_SAMPLE + ", got " + n));
        }
        return n;
    }

    private static SegmentKey key(String key) {
        try {
            return new SegmentKey(key);
        } catch (IllegalArgumentException e) {
            throw invalid(List.of("key: " + e.getMessage()));
        }
    }

    private MetaData metaData(Principal principal) {
        return AxonConfig.issuedOverHttp(principal.getName(), "/api/v1/segments", clock.instant());
    }

    private static InvalidRequestException invalid(List<String> errors) {
        return new InvalidRequestException("Invalid segment definition", errors);
    }
}
