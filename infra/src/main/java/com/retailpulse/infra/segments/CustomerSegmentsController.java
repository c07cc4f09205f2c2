package com.retailpulse.infra.segments;

import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.ProfileIndex;
import com.retailpulse.projections.segment.SegmentMembershipHistory;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A customer's segments: {@code GET /api/v1/customers/{id}/segments} — the segments recorded now, with
 * the definition version that put them there and since when, plus every past stay; with
 * {@code ?asOf=2026-11-01T00:00:00Z} the segments they were in at that moment.
 */
@RestController
class CustomerSegmentsController {

    private final ProfileIndex profiles;
    private final SegmentMembershipHistory history;

    CustomerSegmentsController(ProfileIndex profiles, SegmentMembershipHistory history) {
        this.profiles = profiles;
        this.history = history;
    }

    record CustomerSegmentsView(String customerId, Instant asOf, Map<String, ProfileDocument.Membership> current,
                                List<SegmentMembershipHistory.Stay> stays) {
    }

    @GetMapping("/api/v1/customers/{id}/segments")
    CustomerSegmentsView segments(@PathVariable String id,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf) {
        ProfileDocument doc = profiles.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no customer " + id));
        if (asOf != null) {
            return new CustomerSegmentsView(id, asOf, null, history.ofCustomerAt(id, asOf));
        }
        return new CustomerSegmentsView(id, null, doc.memberships(), history.ofCustomer(id));
    }
}
