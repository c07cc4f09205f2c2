package com.retailpulse.infra.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.command.journey.JourneyRuleViolation;
import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.PauseJourneyCommand;
import com.retailpulse.contracts.journey.PublishJourneyCommand;
import com.retailpulse.contracts.journey.ResumeJourneyCommand;
import com.retailpulse.contracts.journey.RetireJourneyCommand;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.infra.web.InvalidRequestException;
import com.retailpulse.infra.web.ProjectionVisibility;
import com.retailpulse.projections.journey.JourneyCatalogue;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Journeys (docs/journeys.md): check and publish versions, pause, resume and retire (MARKETER); list them
 * with their entries and outcomes, read any version (MARKETER, ANALYST, AUDITOR); install the four seed
 * journeys for the brand's offers; a journey's results per step and split branch (MARKETER, ANALYST, AUDITOR);
 * the webhook deliveries that failed, and their retry (MARKETER).
 */
@RestController
@RequestMapping("/api/v1/journeys")
class JourneyController {

    private final CommandGateway commands;
    private final JourneyCatalogue catalogue;
    private final JourneyChecks checks;
    private final JourneySeeds seeds;
    private final JourneyReports reports;
    private final JourneyWebhooks webhooks;
    private final ObjectMapper json;
    private final Clock clock;

    JourneyController(CommandGateway commands, JourneyCatalogue catalogue, JourneyChecks checks, JourneySeeds seeds,
                      JourneyReports reports, JourneyWebhooks webhooks, ObjectMapper json, Clock clock) {
        this.commands = commands;
        this.catalogue = catalogue;
        this.checks = checks;
        this.seeds = seeds;
        this.reports = reports;
        this.webhooks = webhooks;
        this.json = json;
        this.clock = clock;
    }

    record CheckView(List<String> problems) {
    }

    record JourneyDetail(JourneyCatalogue.JourneyView journey, JourneyGraph graph) {
    }

    record SeedRequest(String voucherOfferId, String wakeUpOfferId) {
    }

    @PostMapping("/checks")
    CheckView check(@RequestBody JsonNode body) {
        return new CheckView(checks.problems(graph(body)));
    }

    /** Publishes the graph as the journey's next version (or changes nothing when it equals the version in service). */
    @PutMapping("/{key}")
    JourneyDetail publish(@PathVariable String key, @RequestBody JsonNode body, Principal principal) {
        JourneyKey journey = key(key);
        return publish(journey, graph(body), principal);
    }

    @PostMapping("/{key}/pause")
    JourneyCatalogue.JourneyView pause(@PathVariable String key, Principal principal) {
        return lifecycle(key, new PauseJourneyCommand(key(key)), "paused", principal);
    }

    @PostMapping("/{key}/resume")
    JourneyCatalogue.JourneyView resume(@PathVariable String key, Principal principal) {
        return lifecycle(key, new ResumeJourneyCommand(key(key)), "active", principal);
    }

    @PostMapping("/{key}/retire")
    JourneyCatalogue.JourneyView retire(@PathVariable String key, Principal principal) {
        return lifecycle(key, new RetireJourneyCommand(key(key)), "retired", principal);
    }

    @GetMapping
    List<JourneyCatalogue.JourneyView> list() {
        return catalogue.journeys();
    }

    @GetMapping("/{key}")
    JourneyDetail one(@PathVariable String key) {
        JourneyCatalogue.JourneyView view = catalogue.journey(key)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no journey " + key));
        return new JourneyDetail(view, catalogue.graph(key(key), view.version()).orElse(null));
    }

    @GetMapping("/{key}/versions/{version}")
    JourneyGraph version(@PathVariable String key, @PathVariable int version) {
        return catalogue.graph(key(key), version)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no version " + version + " of journey " + key));
    }

    /**
     * The journey's results: per step of the version in service, runs that reached it (of any version, by step
     * id) and runs waiting there now; per split, per branch, the experiment (docs/journeys.md). Revenue in
     * {@code currency} (by default the currency of most orders).
     */
    @GetMapping("/{key}/report")
    JourneyReports.ReportView report(@PathVariable String key, @RequestParam(required = false) String currency,
                                     @RequestParam(defaultValue = "0.95") double confidence,
                                     @RequestParam(defaultValue = "0.05") double alpha) {
        List<String> errors = new ArrayList<>();
        if (!(confidence > 0.5 && confidence < 1)) {
            errors.add("confidence: between 0.5 and 1, got " + confidence);
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            errors.add("alpha: between 0 and 0.5, got " + alpha);
        }
        if (currency != null && !Money.isCurrencyCode(currency)) {
            errors.add("currency: a 3-letter ISO-4217 code such as CNY, got '" + currency + "'");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid report request", errors);
        }
        JourneyDetail detail = one(key(key).value());
        return reports.report(detail.journey(), detail.graph(), currency, confidence, alpha);
    }

    /** Webhook deliveries that failed after their last attempt, or were interrupted by a crash; newest first. */
    @GetMapping("/webhooks/dead-letters")
    List<JourneyWebhooks.Delivery> webhookDeadLetters(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException("Invalid request", List.of("limit: 1 to 1000, got " + limit));
        }
        return webhooks.deadLetters(limit);
    }

    /** Sends a failed webhook delivery again: the same body and idempotency key, still at most once delivered. */
    @PostMapping("/webhooks/dead-letters/{id}/retry")
    JourneyWebhooks.Delivery retryWebhook(@PathVariable String id) {
        try {
            return webhooks.retry(id);
        } catch (JourneyWebhooks.RetryRefusedException e) {
            throw new ResponseStatusException(e.notFound ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, e.getMessage());
        }
    }

    /** Publishes the four seed journeys with the brand's voucher (login, cart) and wake-up pack (churn) offers. */
    @PostMapping("/seeds")
    List<JourneyDetail> seeds(@RequestBody SeedRequest request, Principal principal) {
        List<String> errors = new ArrayList<>();
        if (request.voucherOfferId() == null || request.voucherOfferId().isBlank()) {
            errors.add("voucherOfferId: required, the no-threshold voucher of the login and cart journeys");
        }
        if (request.wakeUpOfferId() == null || request.wakeUpOfferId().isBlank()) {
            errors.add("wakeUpOfferId: required, the wake-up pack of the churn journey");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid seed journeys", errors);
        }
        Map<String, JourneyGraph> graphs = seeds.graphs(request.voucherOfferId().strip(), request.wakeUpOfferId().strip());
        List<String> problems = new ArrayList<>();
        graphs.forEach((key, graph) -> checks.problems(graph).forEach(p -> problems.add(key + ": " + p)));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid seed journeys", problems);
        }
        List<JourneyDetail> published = new ArrayList<>();
        graphs.forEach((key, graph) -> published.add(publish(new JourneyKey(key), graph, principal)));
        return published;
    }

    @ExceptionHandler(JourneyRuleViolation.class)
    ProblemDetail refused(JourneyRuleViolation e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Journey change refused");
        problem.setProperty("errors", e.problems());
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail unknown(AggregateNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no journey " + e.getAggregateIdentifier());
        problem.setTitle("Unknown journey");
        return problem;
    }

    private JourneyDetail publish(JourneyKey journey, JourneyGraph graph, Principal principal) {
        List<String> problems = checks.problems(graph);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid journey", problems);
        }
        int version = commands.sendAndWait(GenericCommandMessage.asCommandMessage(new PublishJourneyCommand(journey, graph))
                .andMetaData(AxonConfig.issuedOverHttp(principal.getName(), "/api/v1/journeys/" + journey, clock.instant())));
        ProjectionVisibility.awaitApplied(() -> catalogue.journey(journey.value()).map(j -> j.version() >= version).orElse(false), "journey");
        return one(journey.value());
    }

    private JourneyCatalogue.JourneyView lifecycle(String key, Object command, String state, Principal principal) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(AxonConfig.issuedOverHttp(principal.getName(), "/api/v1/journeys/" + key, clock.instant())));
        ProjectionVisibility.awaitApplied(() -> catalogue.journey(key).map(j -> j.state().equals(state)).orElse(false), "journey");
        return catalogue.journey(key).orElseThrow();
    }

    private JourneyGraph graph(JsonNode body) {
        try {
            return json.treeToValue(body, JourneyGraph.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
            throw new InvalidRequestException("Invalid journey", List.of("journey: " + message));
        }
    }

    private static JourneyKey key(String key) {
        try {
            return new JourneyKey(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Invalid journey", List.of("key: " + e.getMessage()));
        }
    }
}
