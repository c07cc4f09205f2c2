package com.retailpulse.infra.ingest.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.ConsentStatement;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.IdentifierType;
import com.retailpulse.contracts.customer.RecordConsentCommand;
import com.retailpulse.infra.identity.IdentityResolution;
import com.retailpulse.privacy.IdentifierPseudonymizer;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Consent statements sent by sources ({@code POST /api/v1/consents}): validated, the customer's
 * identifier pseudonymised when it is a phone or e-mail, then recorded on the resolved customer.
 */
@Service
public class ConsentIngestion {

    static final String DEFAULT_SOURCE = "api";
    private static final Set<String> FIELDS = Set.of("customer", "channel", "purpose", "granted", "at", "source");
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9._:/-]{0,63}");

    private final IdentityResolution identities;
    private final IdentifierPseudonymizer pseudonyms;
    private final Clock clock;

    public ConsentIngestion(IdentityResolution identities, IdentifierPseudonymizer pseudonyms, Clock clock) {
        this.identities = identities;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    record Parsed(CustomerIdentifier identifier, ConsentStatement statement, String source) {
    }

    public record Outcome(String customerId, String channel, String purpose, boolean recorded) {
    }

    /** The statement, or the list of problems naming each field. Statements without {@code at} are as of now. */
    Result parse(JsonNode node) {
        List<String> errors = new ArrayList<>();
        if (node == null || !node.isObject()) {
            return new Result(null, List.of("a consent must be a JSON object"));
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(name + ": unknown field; known fields: customer, channel, purpose, granted, at, source");
            }
        });
        CustomerIdentifier identifier = identifier(node.get("customer"), errors);
        ConsentChannel channel = text(node, "channel", errors)
                .map(c -> ConsentChannel.fromCode(c).orElseGet(() -> {
                    errors.add("channel: unknown channel '" + c + "'; known: " + ConsentChannel.codes());
                    return null;
                })).orElse(null);
        ConsentPurpose purpose = text(node, "purpose", errors)
                .map(p -> ConsentPurpose.fromCode(p).orElseGet(() -> {
                    errors.add("purpose: unknown purpose '" + p + "'; known: " + ConsentPurpose.codes());
                    return null;
                })).orElse(null);
        JsonNode granted = node.get("granted");
        if (granted == null || granted.isNull()) {
            errors.add("granted: is required (true: consent given, false: withdrawn)");
        } else if (!granted.isBoolean()) {
            errors.add("granted: must be true or false");
        }
        Instant now = clock.instant();
        JsonNode atNode = node.get("at");
        Instant at = now;
        if (atNode != null && !atNode.isNull()) {
            at = MemberRowParser.time("at", atNode.asText(), now, errors);
        }
        String source = DEFAULT_SOURCE;
        JsonNode sourceNode = node.get("source");
        if (sourceNode != null && !sourceNode.isNull()) {
            source = sourceNode.asText();
            if (!SOURCE.matcher(source).matches()) {
                errors.add("source: '" + source + "' must be 1 to 64 lower-case letters, digits or . _ : / -");
            }
        }
        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors));
        }
        return new Result(new Parsed(identifier, new ConsentStatement(channel, purpose, granted.booleanValue(), at), source), List.of());
    }

    record Result(Parsed consent, List<String> errors) {
    }

    Outcome record(Parsed consent, MemberRecorder.Origin origin) {
        AtomicReference<CustomerId> customer = new AtomicReference<>();
        Boolean recorded = identities.dispatch(List.of(consent.identifier()), resolved -> {
            customer.set(resolved.customerId());
            return new RecordConsentCommand(resolved.customerId(), resolved.identifier(), consent.statement(), consent.source());
        }, MemberRecorder.metaData(origin, clock.instant()));
        return new Outcome(customer.get().value(), consent.statement().channel().code(), consent.statement().purpose().code(),
                Boolean.TRUE.equals(recorded));
    }

    private CustomerIdentifier identifier(JsonNode customer, List<String> errors) {
        if (customer == null || customer.isNull()) {
            errors.add("customer: is required, e.g. {\"type\": \"member\", \"value\": \"M-1001\"}");
            return null;
        }
        if (!customer.isObject()) {
            errors.add("customer: must be an object with type and value");
            return null;
        }
        String type = customer.path("type").asText("");
        String value = customer.path("value").isValueNode() ? customer.path("value").asText("").strip() : "";
        Optional<IdentifierType> known = IdentifierType.fromCode(type);
        if (known.isEmpty()) {
            errors.add("customer.type: unknown identifier type '" + type + "'; known types: " + IdentifierType.codes());
        }
        if (value.isEmpty()) {
            errors.add("customer.value: is required");
        }
        if (known.isEmpty() || value.isEmpty()) {
            return null;
        }
        try {
            return switch (known.get()) {
                case PHONE -> pseudonyms.phone(value);
                case EMAIL -> pseudonyms.email(value);
                default -> new CustomerIdentifier(known.get(), value);
            };
        } catch (IllegalArgumentException e) {
            errors.add("customer.value: " + e.getMessage());
            return null;
        }
    }

    private static Optional<String> text(JsonNode node, String field, List<String> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText("").isBlank()) {
            errors.add(field + ": is required");
            return Optional.empty();
        }
        if (!value.isTextual()) {
            errors.add(field + ": must be text");
            return Optional.empty();
        }
        return Optional.of(value.asText().strip());
    }
}
