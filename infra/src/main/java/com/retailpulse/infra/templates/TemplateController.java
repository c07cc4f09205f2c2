package com.retailpulse.infra.templates;

import com.retailpulse.infra.web.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Message templates (docs/templates.md): check a template ({@code POST /api/v1/templates/checks}) and
 * see it filled in for one customer, with an offer ({@code POST /api/v1/templates/previews}). MARKETER.
 */
@RestController
class TemplateController {

    private final MessageContexts contexts;

    TemplateController(MessageContexts contexts) {
        this.contexts = contexts;
    }

    record CheckRequest(String template) {
    }

    record CheckView(List<String> fields) {
    }

    record PreviewRequest(String template, String customerId, String offerId, String couponCode, String channel) {
    }

    /**
     * @param length      characters (code points) of the text
     * @param smsSegments for the SMS channel: messages the text takes (160 / 153 characters in GSM-7, taken
     *                    here as plain ASCII; 70 / 67 otherwise, e.g. with Chinese)
     */
    record PreviewView(String text, int length, Integer smsSegments, List<String> fields) {
    }

    @PostMapping("/api/v1/templates/checks")
    CheckView check(@RequestBody CheckRequest request) {
        return new CheckView(parse(request.template()).fields());
    }

    @PostMapping("/api/v1/templates/previews")
    PreviewView preview(@RequestBody PreviewRequest request) {
        MessageTemplate template = parse(request.template());
        if (request.customerId() == null || request.customerId().isBlank()) {
            throw new InvalidRequestException("Invalid template preview", List.of("customerId: required"));
        }
        Optional<Map<String, Object>> context = contexts.forCustomer(request.customerId(),
                blankToNull(request.offerId()), blankToNull(request.couponCode()));
        String text = template.render(context.orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no profile for customer " + request.customerId())));
        int length = text.codePointCount(0, text.length());
        return new PreviewView(text, length, "sms".equals(request.channel()) ? smsSegments(text, length) : null, template.fields());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    static int smsSegments(String text, int length) {
        boolean ascii = text.chars().allMatch(c -> c < 128);
        int single = ascii ? 160 : 70;
        int part = ascii ? 153 : 67;
        return length <= single ? 1 : (length + part - 1) / part;
    }

    private static MessageTemplate parse(String text) {
        try {
            return MessageTemplate.parse(text);
        } catch (InvalidTemplateException e) {
            throw new InvalidRequestException("Invalid template", e.problems());
        }
    }
}
