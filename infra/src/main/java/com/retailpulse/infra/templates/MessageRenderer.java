package com.retailpulse.infra.templates;

import com.retailpulse.contracts.message.MessageRequest;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fills a message's title and body for its customer (docs/templates.md), as it goes out on its channel.
 * A journey or campaign sends the same few templates thousands of times: each is compiled once (up to
 * {@value #CACHED} kept), and the profile is read only when a template uses it.
 */
@Component
public class MessageRenderer {

    static final int CACHED = 1_000;

    private final MessageContexts contexts;
    private final Map<String, MessageTemplate> compiled = new ConcurrentHashMap<>();

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
        MessageTemplate title = request.title() == null || request.title().isBlank() ? null : template(request.title());
        MessageTemplate body = template(request.body());
        boolean profile = usesProfile(body) || (title != null && usesProfile(title));
        Map<String, Object> context = contexts.forMessage(customerId, request.offerId(), request.couponCode(), profile);
        return new Rendered(title == null ? null : title.render(context), body.render(context));
    }

    private static boolean usesProfile(MessageTemplate template) {
        List<String> fields = template.fields();
        return fields.stream().anyMatch(f -> f.startsWith("profile.") || f.equals("profile") || f.startsWith("recommendations"));
    }

    private MessageTemplate template(String text) {
        MessageTemplate template = compiled.get(text);
        if (template == null) {
            template = MessageTemplate.parse(text);
            if (compiled.size() >= CACHED) {
                compiled.clear();
            }
            compiled.put(text, template);
        }
        return template;
    }
}
