package com.retailpulse.infra.campaigns;

import com.retailpulse.command.campaign.CampaignRuleViolation;
import com.retailpulse.contracts.campaign.CampaignId;
import com.retailpulse.contracts.campaign.CampaignPlan;
import com.retailpulse.contracts.campaign.CampaignState;
import com.retailpulse.contracts.campaign.CompleteCampaignCommand;
import com.retailpulse.contracts.campaign.CreateCampaignCommand;
import com.retailpulse.contracts.campaign.PauseCampaignCommand;
import com.retailpulse.contracts.campaign.ResumeCampaignCommand;
import com.retailpulse.contracts.campaign.ScheduleCampaignCommand;
import com.retailpulse.contracts.campaign.UpdateCampaignCommand;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.infra.web.InvalidRequestException;
import com.retailpulse.infra.web.ProjectionVisibility;
import com.retailpulse.projections.campaign.CampaignCatalogue;
import com.retailpulse.projections.campaign.CampaignCatalogue.CampaignView;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Campaigns (docs/campaigns.md): draft, change, schedule, pause, resume and complete them (MARKETER); list
 * them and read one with its dispatch progress, and its results per arm with the experiment
 * ({@code GET /api/v1/campaigns/{id}/report}; MARKETER, ANALYST, AUDITOR). A plan with problems is refused
 * with 400 naming each field; a change the campaign's state does not allow with 409.
 */
@RestController
@RequestMapping("/api/v1/campaigns")
class CampaignController {

    private static final String BASE = "/api/v1/campaigns";
    private static final char[] ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private final CommandGateway commands;
    private final CampaignCatalogue catalogue;
    private final CampaignPlans plans;
    private final CampaignReports reports;
    private final EventStore eventStore;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CampaignController(CommandGateway commands, CampaignCatalogue catalogue, CampaignPlans plans, CampaignReports reports,
                       EventStore eventStore, Clock clock) {
        this.commands = commands;
        this.catalogue = catalogue;
        this.plans = plans;
        this.reports = reports;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    record CompleteRequest(String reason) {
    }

    @PostMapping
    ResponseEntity<CampaignView> create(@RequestBody(required = false) CampaignRequest request, Principal principal) {
        CampaignPlan plan = soundPlan(request);
        CampaignId id = newId();
        commands.sendAndWait(command(new CreateCampaignCommand(id, plan), principal, BASE));
        return ResponseEntity.status(HttpStatus.CREATED).body(awaitView(id.value(), c -> true));
    }

    /** Replaces the plan of a draft. */
    @PutMapping("/{id}")
    CampaignView update(@PathVariable String id, @RequestBody(required = false) CampaignRequest request, Principal principal) {
        CampaignId campaignId = id(id);
        CampaignPlan plan = soundPlan(request);
        commands.sendAndWait(command(new UpdateCampaignCommand(campaignId, plan), principal, BASE + "/" + id));
        return awaitView(id, c -> c.plan().equals(plan));
    }

    /**
     * Fixes the plan and books the dispatch at its send time. The platform's checks run again: a segment
     * retired or an offer ended since the draft was written stops it (409, each field named).
     */
    @PostMapping("/{id}/schedule")
    CampaignView schedule(@PathVariable String id, Principal principal) {
        CampaignId campaignId = id(id);
        CampaignView draft = view(id);
        if (draft.state() == CampaignState.DRAFT) {
            List<String> problems = plans.platformProblems(draft.plan());
            if (!problems.isEmpty()) {
                throw new PlanNoLongerValid(problems);
            }
        }
        // Answered once applied; by then a campaign due at once may already run (or even be complete).
        return lifecycle(id, new ScheduleCampaignCommand(campaignId), c -> c.state() != CampaignState.DRAFT, principal, "/schedule");
    }

    @PostMapping("/{id}/pause")
    CampaignView pause(@PathVariable String id, Principal principal) {
        return lifecycle(id, new PauseCampaignCommand(id(id)), reached(CampaignState.PAUSED), principal, "/pause");
    }

    @PostMapping("/{id}/resume")
    CampaignView resume(@PathVariable String id, Principal principal) {
        return lifecycle(id, new ResumeCampaignCommand(id(id)), reached(CampaignState.RUNNING), principal, "/resume");
    }

    /** Stops a running or paused campaign for good; the reason defaults to who stopped it. */
    @PostMapping("/{id}/complete")
    CampaignView complete(@PathVariable String id, @RequestBody(required = false) CompleteRequest request, Principal principal) {
        String reason = request == null || request.reason() == null || request.reason().isBlank()
                ? "completed by " + principal.getName() : request.reason().strip();
        if (reason.length() > 500) {
            throw new InvalidRequestException("Invalid campaign completion", List.of("reason: at most 500 characters, got " + reason.length()));
        }
        return lifecycle(id, new CompleteCampaignCommand(id(id), reason), reached(CampaignState.COMPLETED), principal, "/complete");
    }

    @GetMapping
    List<CampaignView> list(@RequestParam(required = false) String state) {
        CampaignState wanted = null;
        if (state != null) {
            try {
                wanted = CampaignState.valueOf(state.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("Invalid campaign query", List.of("state: one of "
                        + List.of(CampaignState.values()) + ", got '" + state + "'"));
            }
        }
        return catalogue.campaigns(wanted);
    }

    @GetMapping("/{id}")
    CampaignView one(@PathVariable String id) {
        return view(id(id).value());
    }

    @GetMapping("/{id}/report")
    CampaignReports.ReportView report(@PathVariable String id, @RequestParam(defaultValue = "0.95") double confidence,
                                      @RequestParam(defaultValue = "0.05") double alpha) {
        List<String> errors = new ArrayList<>();
        if (!(confidence > 0.5 && confidence < 1)) {
            errors.add("confidence: between 0.5 and 1, got " + confidence);
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            errors.add("alpha: between 0 and 0.5, got " + alpha);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid report request", errors);
        }
        return reports.report(view(id(id).value()), confidence, alpha);
    }

    @ExceptionHandler(CampaignRuleViolation.class)
    ProblemDetail refused(CampaignRuleViolation e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Campaign change refused");
        problem.setProperty("errors", List.of(e.getMessage()));
        return problem;
    }

    @ExceptionHandler(PlanNoLongerValid.class)
    ProblemDetail noLongerValid(PlanNoLongerValid e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Campaign plan no longer valid");
        problem.setProperty("errors", e.problems);
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail unknown(AggregateNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no campaign " + e.getAggregateIdentifier());
        problem.setTitle("Unknown campaign");
        return problem;
    }

    /** The draft's plan refers to something that changed since it was written. */
    static final class PlanNoLongerValid extends RuntimeException {
        private final List<String> problems;

        PlanNoLongerValid(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }
    }

    private CampaignPlan soundPlan(CampaignRequest request) {
        CampaignPlans.Checked checked = plans.check(request);
        if (!checked.problems().isEmpty()) {
            throw new InvalidRequestException("Invalid campaign", checked.problems());
        }
        return checked.plan();
    }

    private CampaignView lifecycle(String id, Object command, Predicate<CampaignView> applied, Principal principal, String path) {
        commands.sendAndWait(command(command, principal, BASE + "/" + id + path));
        return awaitView(id, applied);
    }

    /** The state, or completion: the dispatch may complete a campaign the moment it runs again. */
    private static Predicate<CampaignView> reached(CampaignState state) {
        return c -> c.state() == state || c.state() == CampaignState.COMPLETED;
    }

    private CommandMessage<Object> command(Object command, Principal principal, String path) {
        return GenericCommandMessage.asCommandMessage(command)
                .andMetaData(AxonConfig.issuedOverHttp(principal.getName(), path, clock.instant()));
    }

    private CampaignView awaitView(String id, Predicate<CampaignView> applied) {
        ProjectionVisibility.awaitApplied(() -> catalogue.campaign(id).map(applied::test).orElse(false), "campaign");
        return view(id);
    }

    private CampaignView view(String id) {
        return catalogue.campaign(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no campaign " + id));
    }

    /** 50 random bits; the event store refuses a second stream with an id, so a clash could never merge two campaigns. */
    private CampaignId newId() {
        CampaignId id;
        do {
            StringBuilder value = new StringBuilder("cmp-");
            for (int i = 0; i < 10; i++) {
                value.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
            }
            id = new CampaignId(value.toString());
        } while (eventStore.lastSequenceNumberFor(id.value()).isPresent());
        return id;
    }

    private static CampaignId id(String id) {
        try {
            return new CampaignId(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no campaign " + id);
        }
    }
}
