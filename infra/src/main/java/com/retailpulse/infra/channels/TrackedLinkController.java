package com.retailpulse.infra.channels;

import com.retailpulse.contracts.message.ReceiptKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Base64;

/**
 * {@code GET /t/{token}}: a tracked link (docs/channels.md). Public: the token's signature is the credential.
 * A click link records a CLICKED receipt (detail: the target) and redirects to its target; an e-mail's open
 * pixel records OPENED and answers a transparent GIF. An altered or malformed token answers 400, records
 * nothing and redirects nowhere.
 */
@RestController
class TrackedLinkController {

    private static final Logger log = LoggerFactory.getLogger(TrackedLinkController.class);
    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    static final String ISSUER = "tracked-link";

    private final TrackedLinks links;
    private final Receipts receipts;

    TrackedLinkController(TrackedLinks links, Receipts receipts) {
        this.links = links;
        this.receipts = receipts;
    }

    @GetMapping("/t/{token}")
    ResponseEntity<?> follow(@PathVariable String token) {
        TrackedLinks.Link link = links.verify(token);
        boolean click = link.kind() == TrackedLinks.Kind.CLICK;
        receipts.recordLater(link.customerId().value(), link.messageId(), link.channel(), click ? ReceiptKind.CLICKED : ReceiptKind.OPENED,
                        link.target(), ISSUER, "http:/t")
                .exceptionally(failure -> {
                    log.warn("{} of message {} not recorded: {}", click ? "Click" : "Open", link.messageId(), failure.getMessage());
                    return false;
                });
        if (click) {
            return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(link.target())).cacheControl(CacheControl.noStore()).build();
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore()).body(PIXEL);
    }

    @ExceptionHandler(TrackedLinks.InvalidLinkException.class)
    ProblemDetail invalid(TrackedLinks.InvalidLinkException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid tracked link");
        return problem;
    }
}
