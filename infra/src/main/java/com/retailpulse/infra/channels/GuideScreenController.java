package com.retailpulse.infra.channels;

import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.ReceiptKind;
import com.retailpulse.infra.web.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.security.Principal;
import java.time.Clock;
import java.util.List;

/**
 * The in-store guide screen (docs/channels.md): the store's device (INGEST) reads the feed of the member
 * being served and acknowledges each message it showed, which records an OPENED receipt.
 */
@RestController
@RequestMapping("/api/v1/guide-screen/feed")
class GuideScreenController {

    record FeedView(String member, List<GuideScreenFeed.Entry> messages) {
    }

    private final GuideScreenFeed feed;
    private final Receipts receipts;
    private final Clock clock;

    GuideScreenController(GuideScreenFeed feed, Receipts receipts, Clock clock) {
        this.feed = feed;
        this.receipts = receipts;
        this.clock = clock;
    }

    @GetMapping
    FeedView list(@RequestParam(required = false) String member, @RequestParam(defaultValue = "50") int limit) {
        if (member == null || member.isBlank()) {
            throw new InvalidRequestException("Invalid feed request", List.of("member: required, the member code being served"));
        }
        return new FeedView(member.strip(), feed.forMember(member.strip(), Limits.check(limit)));
    }

    @PostMapping("/{messageId}/shown")
    GuideScreenFeed.Entry shown(@PathVariable String messageId, Principal principal) {
        GuideScreenFeed.Entry entry = feed.markShown(messageId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no guide-screen message " + messageId));
        receipts.record(entry.customerId(), MessageId.of(messageId), Channel.GUIDE_SCREEN, ReceiptKind.OPENED, null,
                entry.shownAt() == null ? clock.instant() : entry.shownAt(), principal.getName(),
                "http:/api/v1/guide-screen/feed/" + messageId + "/shown");
        return entry;
    }
}
