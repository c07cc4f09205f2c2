package com.retailpulse.infra.ingest.social;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.infra.identity.IdentityResolution;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;

/**
 * Records a social event on the customer its OpenID/UnionID belong to. The customer remembers
 * recent interaction ids, so a resent event records nothing.
 */
@Service
public class SocialIngestion {

    private final IdentityResolution identities;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SocialIngestion(IdentityResolution identities, ObjectMapper mapper, Clock clock) {
        this.identities = identities;
        this.mapper = mapper;
        this.clock = clock;
    }

    public record Origin(String issuedBy, String source, String requestId) {
    }

    public record Outcome(String interactionId, String customerId, boolean recorded) {
    }

    /**
     * @throws InvalidSocialEventException naming each field that breaks the contract; nothing is recorded then
     */
    public Outcome record(JsonNode event, Origin origin) {
        Instant now = clock.instant();
        SocialEventReader.SocialEvent social = SocialEventReader.read(event, size(event), now);
        MetaData metaData = MetaData.with(AxonConfig.ISSUED_BY, origin.issuedBy())
                .and(AxonConfig.SOURCE, origin.source())
                .and(AxonConfig.RECEIVED_AT, now.toString());
        if (origin.requestId() != null) {
            metaData = metaData.and(AxonConfig.REQUEST_ID, origin.requestId());
        }
        String[] customerId = new String[1];
        Boolean recorded = identities.dispatch(social.identifiers(), resolved -> {
            customerId[0] = resolved.customerId().value();
            return new RecordInteractionCommand(resolved.customerId(), resolved.identifier(), social.interaction());
        }, metaData);
        return new Outcome(social.interaction().interactionId(), customerId[0], Boolean.TRUE.equals(recorded));
    }

    private int size(JsonNode event) {
        try {
            return mapper.writeValueAsBytes(event).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
