package com.retailpulse.infra.templates;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.NotIterableCode;
import com.github.mustachejava.codes.ValueCode;
import com.retailpulse.projections.profile.ProfileDimensions;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message template in logic-less Mustache (docs/templates.md, ADR 0019), checked before it is used:
 * every field it names must exist in what a message is filled from, so a typo is refused when the
 * template is written, not discovered as a blank in a customer's message.
 *
 * <p>What a template can use:
 * <ul>
 *   <li>{@code profile.<dimension>}: any dimension of docs/tags.md (e.g. {@code profile.value.ltv},
 *   {@code profile.score.churn.probability}) or scenario tag ({@code profile.scenario.<key>});</li>
 *   <li>{@code customer.id};</li>
 *   <li>{@code offer.name}, {@code offer.description}, {@code offer.currency}, {@code offer.validUntil},
 *   {@code offer.amount} (a voucher), {@code offer.giftSku}, {@code offer.giftThreshold}, and the section
 *   {@code offer.tiers} with {@code threshold} and {@code discount}: one offer reads the same on every channel;</li>
 *   <li>{@code coupon.code}: the coupon a journey or campaign issued for this message;</li>
 *   <li>the section {@code recommendations} with {@code sku}, {@code name} and {@code score}.</li>
 * </ul>
 * Partials ({@code {{> name}}}) are refused: a template is one self-contained text.
 */
public final class MessageTemplate {

    static final Set<String> CUSTOMER = Set.of("id");
    static final Set<String> OFFER = Set.of("name", "description", "currency", "validUntil", "amount", "giftSku", "giftThreshold", "tiers");
    static final Set<String> COUPON = Set.of("code");
    static final Set<String> TIER_FIELDS = Set.of("threshold", "discount");
    static final Set<String> RECOMMENDATION_FIELDS = Set.of("sku", "name", "score");
    private static final Set<String> DIMENSIONS = dimensions();
    /**
     * Messages are plain text (SMS, push, inbox, subscription messages): values are written as they are,
     * not HTML-escaped ("Tom &amp; Jerry" would be wrong in an SMS). An HTML e-mail body must escape its own.
     */
    private static final DefaultMustacheFactory PLAIN_TEXT = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new MustacheException("could not write the message", e);
            }
        }
    };
    private static final Pattern PARTIAL = Pattern.compile("\\{\\{\\s*>([^}]*)}}");

    private final String text;
    private final Mustache compiled;
    private final List<String> fields;

    private MessageTemplate(String text, Mustache compiled, List<String> fields) {
        this.text = text;
        this.compiled = compiled;
        this.fields = fields;
    }

    /** The problems of a template ("{{profile.value.ltvv}}: unknown field …"); empty when it may be used. */
    public static List<String> problems(String text) {
        try {
            parse(text);
            return List.of();
        } catch (InvalidTemplateException e) {
            return e.problems();
        }
    }

    /**
     * @throws InvalidTemplateException naming every field the template uses that does not exist, and any
     *                                  syntax error
     */
    public static MessageTemplate parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidTemplateException(List.of("template: required"));
        }
        List<String> partials = new ArrayList<>();
        Matcher partial = PARTIAL.matcher(text);
        while (partial.find()) {
            partials.add("{{> " + partial.group(1).strip() + "}}: partials are not allowed; write the text into the template");
        }
        if (!partials.isEmpty()) {
            throw new InvalidTemplateException(partials);
        }
        Mustache compiled;
        try {
            compiled = PLAIN_TEXT.compile(new StringReader(text), "template");
        } catch (MustacheException e) {
            throw new InvalidTemplateException(List.of("template: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        check(compiled.getCodes(), List.of(Scope.ROOT), problems, used);
        if (!problems.isEmpty()) {
            throw new InvalidTemplateException(problems);
        }
        return new MessageTemplate(text, compiled, List.copyOf(used));
    }

    public String text() {
        return text;
    }

    /** Every field the template uses, in order of first use; a section item's as {@code recommendations[].name}. */
    public List<String> fields() {
        return fields;
    }

    public String render(Map<String, Object> context) {
        StringWriter out = new StringWriter();
        compiled.execute(out, context);
        return out.toString();
    }

    /** What names mean inside a section: the root, an offer tier, a recommendation. */
    private enum Scope {
        ROOT, TIER, RECOMMENDATION;

        /** The field as the template's list shows it: an item's field with its section, e.g. recommendations[].name. */
        String qualified(String name) {
            return switch (this) {
                case ROOT -> name;
                case TIER -> "offer.tiers[]." + name;
                case RECOMMENDATION -> "recommendations[]." + name;
            };
        }

        boolean knows(String name) {
            return switch (this) {
                case ROOT -> rootKnows(name);
                case TIER -> TIER_FIELDS.contains(name);
                case RECOMMENDATION -> RECOMMENDATION_FIELDS.contains(name);
            };
        }
    }

    private static boolean rootKnows(String name) {
        if (name.startsWith("profile.")) {
            String dimension = name.substring("profile.".length());
            return DIMENSIONS.contains(dimension) || (dimension.startsWith("scenario.") && dimension.length() > "scenario.".length());
        }
        if (name.startsWith("customer.")) {
            return CUSTOMER.contains(name.substring("customer.".length()));
        }
        if (name.startsWith("offer.")) {
            return OFFER.contains(name.substring("offer.".length()));
        }
        if (name.startsWith("coupon.")) {
            return COUPON.contains(name.substring("coupon.".length()));
        }
        return name.equals("recommendations") || name.equals("offer") || name.equals("customer") || name.equals("coupon");
    }

    private static void check(Code[] codes, List<Scope> scopes, List<String> problems, Set<String> used) {
        if (codes == null) {
            return;
        }
        for (Code code : codes) {
            boolean value = code instanceof ValueCode;
            boolean section = code instanceof IterableCode || code instanceof NotIterableCode;
            if (!value && !section) {
                check(code.getCodes(), scopes, problems, used);
                continue;
            }
            String name = code.getName();
            if (".".equals(name)) {
                continue;
            }
            Scope known = scopes.stream().filter(s -> s.knows(name)).findFirst().orElse(null);
            if (known == null) {
                problems.add("{{" + name + "}}: unknown field " + name + hint(name, scopes));
            } else {
                used.add(known.qualified(name));
            }
            if (section) {
                List<Scope> inner = new ArrayList<>(scopes);
                if (code instanceof IterableCode && name.equals("recommendations")) {
                    inner.add(0, Scope.RECOMMENDATION);
                } else if (code instanceof IterableCode && name.equals("offer.tiers")) {
                    inner.add(0, Scope.TIER);
                }
                check(code.getCodes(), inner, problems, used);
            }
        }
    }

    private static String hint(String name, List<Scope> scopes) {
        if (scopes.get(0) == Scope.RECOMMENDATION) {
            return "; inside {{#recommendations}} an item has " + new TreeSet<>(RECOMMENDATION_FIELDS);
        }
        if (scopes.get(0) == Scope.TIER) {
            return "; inside {{#offer.tiers}} a tier has " + new TreeSet<>(TIER_FIELDS);
        }
        if (name.startsWith("profile.")) {
            return "; profile fields are the dimensions of docs/tags.md (e.g. profile.value.ltv) and profile.scenario.<tag>";
        }
        if (name.startsWith("offer.")) {
            return "; an offer has " + new TreeSet<>(OFFER);
        }
        if (name.startsWith("coupon.")) {
            return "; a coupon has " + new TreeSet<>(COUPON);
        }
        return "; a template can use profile.*, customer.id, offer.*, coupon.code and {{#recommendations}}";
    }

    private static Set<String> dimensions() {
        Set<String> names = new TreeSet<>();
        ProfileDimensions.all().forEach(d -> names.add(d.name()));
        return names;
    }
}
