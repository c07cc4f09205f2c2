package com.retailpulse.infra.tags;

import com.retailpulse.contracts.tag.DefineTagCommand;
import com.retailpulse.contracts.tag.RetireTagCommand;
import com.retailpulse.contracts.tag.TagCondition;
import com.retailpulse.contracts.tag.TagDefinedEvent;
import com.retailpulse.contracts.tag.TagKey;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.infra.web.InvalidRequestException;
import com.retailpulse.infra.web.ProjectionVisibility;
import com.retailpulse.projections.profile.ProfileIndex;
import com.retailpulse.projections.profile.ScenarioTags;
import com.retailpulse.projections.profile.TagConditionValidator;
import com.retailpulse.projections.profile.TagSettings;
import com.retailpulse.projections.tag.TagDefinitionStore;
import com.retailpulse.projections.definition.ConditionDefinitionStore;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario tags declared as data: {@code PUT /api/v1/tags/definitions/{key}} defines or changes one
 * (a new version; MARKETER, ADMIN), {@code DELETE} retires it, {@code GET} lists them with how many
 * customers carry each and the versions recorded. Every change is back-filled into all profiles,
 * with progress at {@code GET /api/v1/tags/backfills/{id}}.
 */
@RestController
@RequestMapping("/api/v1/tags")
class TagDefinitionController {


    private final CommandGateway commands;
    private final TagDefinitionStore store;
    private final ScenarioTags scenarios;
    private final TagSettings settings;
    private final TagBackfills backfills;
    private final ProfileIndex profiles;
    private final EventStore eventStore;
    private final Clock clock;

    TagDefinitionController(CommandGateway commands, TagDefinitionStore store, ScenarioTags scenarios, TagSettings settings,
                            TagBackfills backfills, ProfileIndex profiles, EventStore eventStore, Clock clock) {
        this.commands = commands;
        this.store = store;
        this.scenarios = scenarios;
        this.settings = settings;
        this.backfills = backfills;
        this.profiles = profiles;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    record DefinitionRequest(String name, String description, TagCondition condition) {
    }

    record Version(int version, String name, String description, TagCondition condition, Instant definedAt, String definedBy) {
    }

    record DefinitionView(String key, int version, String name, String description, TagCondition condition, boolean retired,
                          Instant changedAt, String field, long customers, List<Version> versions) {
    }

    record ChangeView(String key, int version, TagBackfills.Backfill backfill) {
    }

    @PutMapping("/definitions/{key}")
    ChangeView define(@PathVariable String key, @RequestBody DefinitionRequest request, Principal principal) {
        TagKey tagKey = key(key);
        List<String> errors = new ArrayList<>();
        if (request.name() == null || request.name().isBlank()) {
            errors.add("name: required (shown to marketers)");
        }
        errors.addAll(TagConditionValidator.validate(request.condition(), settings));
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        int version = commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                new DefineTagCommand(tagKey, request.name(), request.description(), request.condition()))
                .andMetaData(metaData(principal)));
        ProjectionVisibility.awaitApplied(() -> scenarios.find(key) != null && scenarios.find(key).version() == version, "tag");
        return new ChangeView(key, version, backfills.start("tag " + key + " version " + version));
    }

    @DeleteMapping("/definitions/{key}")
    ChangeView retire(@PathVariable String key, @RequestParam(defaultValue = "") String reason, Principal principal) {
        TagKey tagKey = key(key);
        var stored = store.find(key).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no tag " + key));
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RetireTagCommand(tagKey, reason))
                .andMetaData(metaData(principal)));
        ProjectionVisibility.awaitApplied(() -> scenarios.find(key) == null, "tag");
        return new ChangeView(key, stored.version(), backfills.start("tag " + key + " retired"));
    }

    @GetMapping("/definitions")
    List<DefinitionView> list() {
        return store.all().stream().map(d -> view(d, false)).toList();
    }

    @GetMapping("/definitions/{key}")
    DefinitionView one(@PathVariable String key) {
        return store.find(key).map(d -> view(d, true))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no tag " + key));
    }

    @GetMapping("/backfills/{id}")
    TagBackfills.Backfill backfill(@PathVariable String id) {
        return backfills.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no back-fill " + id));
    }

    /** Derives every profile again now (also runs daily, see retailpulse.tags.refresh-cron). */
    @PostMapping("/refresh")
    @ResponseStatus(HttpStatus.ACCEPTED)
    TagBackfills.Backfill refresh(Principal principal) {
        return backfills.start("refresh requested by " + principal.getName());
    }

    private DefinitionView view(ConditionDefinitionStore.StoredDefinition d, boolean withVersions) {
        String field = "tags.scenario." + d.key();
        List<Version> versions = withVersions ? eventStore.readEvents(d.key()).asStream()
                .filter(e -> e.getPayload() instanceof TagDefinedEvent)
                .map(e -> {
                    TagDefinedEvent v = (TagDefinedEvent) e.getPayload();
                    return new Version(v.version(), v.name(), v.description(), v.condition(), v.definedAt(),
                            String.valueOf(e.getMetaData().get(AxonConfig.ISSUED_BY)));
                }).toList() : List.of();
        return new DefinitionView(d.key(), d.version(), d.name(), d.description(), d.condition(), d.retired(), d.changedAt(),
                field, d.retired() ? 0 : profiles.countWhere(field, true), versions);
    }

    private static TagKey key(String key) {
        try {
            return new TagKey(key);
        } catch (IllegalArgumentException e) {
            throw invalid(List.of("key: " + e.getMessage()));
        }
    }

    private MetaData metaData(Principal principal) {
        return MetaData.with(AxonConfig.ISSUED_BY, principal.getName())
                .and(AxonConfig.SOURCE, "http:/api/v1/tags/definitions")
                .and(AxonConfig.RECEIVED_AT, clock.instant().toString());
    }

    private static InvalidRequestException invalid(List<String> errors) {
        return new InvalidRequestException("Invalid tag definition", errors);
    }
}
