package com.retailpulse.infra.templates;

import com.retailpulse.contracts.message.MessageRequest;
import org.springframework.stereotype.Component;

import java.util.Map;

/** Fills a message's title and body for its customer (docs/templates.md), as it goes out on its channel. */
@Component
public class MessageRenderer {

    private final MessageContexts contexts;

    MessageRenderer(MessageContexts contexts) {
        this.contexts = contexts;
    }

    public record Rendered(String title, String body) {
    }

    /**
     * @throws InvalidTemplateException          when a template is not valid (it was checked when written, so only
     *                                           a dimension retired since can cause it)
     * @throws com.retailpulse.infra.web.InvalidRequestException when the offer does not exist
     */
    public Rendered render(String customerId, MessageRequest request) {
        Map<String, Object> context = contexts.forMessage(customerId, request.offerId(), request.couponCode());
        String title = request.title() == null || request.title().isBlank() ? null : MessageTemplate.parse(request.title()).render(context);
        return new Rendered(title, MessageTemplate.parse(request.body()).render(context));
    }
}
