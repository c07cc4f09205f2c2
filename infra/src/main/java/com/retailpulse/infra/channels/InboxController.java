package com.retailpulse.infra.channels;

import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.ReceiptKind;
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
 * The app's inbox (docs/channels.md): its backend lists a customer's messages (INGEST; marketers and
 * auditors may read too) and reports one read, which records an OPENED receipt.
 */
@RestController
@RequestMapping("/api/v1/customers/{customerId}/inbox")
class InboxController {

    record InboxView(String customerId, List<Inbox.Entry> messages) {
    }

    private final Inbox inbox;
    private final Receipts receipts;
    private final Clock clock;

    InboxController(Inbox inbox, Receipts receipts, Clock clock) {
        this.inbox = inbox;
        this.receipts = receipts;
        this.clock = clock;
    }

    @GetMapping
    InboxView list(@PathVariable String customerId, @RequestParam(defaultValue = "50") int limit) {
        return new InboxView(customerId, inbox.list(customerId, Limits.check(limit)));
    }

    @PostMapping("/{messageId}/read")
    Inbox.Entry read(@PathVariable String customerId, @PathVariable String messageId, Principal principal) {
        Inbox.Entry entry = inbox.markRead(customerId, messageId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "customer " + customerId + " has no inbox message " + messageId));
        receipts.record(customerId, MessageId.of(messageId), Channel.INBOX, ReceiptKind.OPENED, null, entry.readAt() == null
                ? clock.instant() : entry.readAt(), principal.getName(), "http:/api/v1/customers/" + customerId + "/inbox/" + messageId + "/read");
        return entry;
    }
}
