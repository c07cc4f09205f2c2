package com.retailpulse.infra.ingest.clickstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.IdentifierType;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.contracts.customer.SocialAction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps one message in the Segment spec (track, page, screen, identify, alias, group; the
 * e-commerce events of its v2 spec) to the customer's identifiers and an interaction. Field paths
 * in errors are the message's own ({@code properties.price}), so a sender can find the field.
 * Trait values that identify a person (phone, email, openId, unionId) become identifiers and are
 * stored nowhere else.
 */
final class ClickstreamMapper {

    static final int MAX_ID_LENGTH = 256;
    static final int MAX_TEXT_LENGTH = 512;
    static final int MAX_CHANNEL_LENGTH = 64;
    static final int MAX_CUSTOM_PROPERTIES = 100;
    static final int MAX_CUSTOM_VALUE_LENGTH = 1024;
    static final BigDecimal MAX_DWELL_SECONDS = BigDecimal.valueOf(86_400);
    static final Set<String> TYPES = Set.of("track", "page", "screen", "identify", "alias", "group");
    static final String KNOWN_TYPES = "track, page, screen, identify, alias, group";
    /** Segment's limit: a timestamp further ahead of the receive time than this is refused. */
    static final Duration MAX_AHEAD = Duration.ofDays(1);
    /** E-commerce events recorded as orders rather than interactions. */
    static final Set<String> ORDER_EVENTS = Set.of("order completed", "order refunded", "order cancelled");
    /** Traits that become identifiers (and nothing else). */
    static final List<String> IDENTIFIER_TRAITS = List.of("phone", "email", "openId", "unionId");
    /** Personal traits that are never recorded: they arrive through the CRM source. */
    static final Set<String> PII_TRAITS = Set.of("name", "firstname", "lastname", "first_name", "last_name", "phone",
            "email", "address", "birthday", "openid", "unionid");

    private final IdentifierType userIdType;

    /** Maps userId to member identifiers. */
    ClickstreamMapper() {
        this(IdentifierType.MEMBER);
    }

    /** @param userIdType what a message's userId is (retailpulse.clickstream.user-id-type) */
    ClickstreamMapper(IdentifierType userIdType) {
        this.userIdType = userIdType;
    }

    /**
     * @param impliedType the type the endpoint stands for ({@code /track}), or null for a batch
     *                    message, which must name its own
     * @param receivedAt  when the platform received it: the time of a message without one, and
     *                    the reference of Segment's clock-skew correction
     * @throws InvalidClickstreamMessageException naming every field that breaks the contract
     */
    ClickstreamMessage map(JsonNode message, String impliedType, Instant receivedAt) {
        if (message == null || !message.isObject()) {
            throw new InvalidClickstreamMessageException(List.of("message: must be a JSON object"));
        }
        Errors errors = new Errors();
        String type = type(message, impliedType, errors);
        String messageId = text(message, "messageId", "messageId", MAX_ID_LENGTH, errors);
        if (messageId == null && !errors.has("messageId")) {
            messageId = derivedMessageId(message);
        }
        List<CustomerIdentifier> identifiers = identifiers(message, type, userIdType, errors);
        // Without a type it is unclear what else the message needs; the type error is the one to fix.
        Instant occurredAt = type == null ? null : occurredAt(message, receivedAt, errors);
        String channel = channel(message, errors);
        JsonNode properties = object(message, "properties", errors);

        String event = "track".equals(type) ? text(message, "event", "event", MAX_TEXT_LENGTH, new Errors()) : null;
        if (event != null && ORDER_EVENTS.contains(normalized(event))) {
            ClickstreamMessage.Order order = order(normalized(event), properties, occurredAt, channel, errors);
            if (!errors.isEmpty()) {
                throw new InvalidClickstreamMessageException(errors.list);
            }
            return new ClickstreamMessage(messageId, identifiers, null, order, false);
        }
        Interaction interaction = switch (type == null ? "" : type) {
            case "track" -> track(message, properties, channel, errors);
            case "page", "screen" -> {
                String name = text(message, "name", "name", MAX_TEXT_LENGTH, errors);
                String category = text(message, "category", "category", MAX_TEXT_LENGTH, errors);
                String path = "page".equals(type) ? pagePath(message, properties, errors) : null;
                yield (id, at) -> new CustomerInteraction.PageView(id, at, channel, type, name, category, path);
            }
            case "identify" -> identify(message, channel, errors);
            case "alias" -> alias(message, channel, errors);
            case "group" -> group(message, channel, errors);
            default -> null;
        };
        if (!errors.isEmpty()) {
            throw new InvalidClickstreamMessageException(errors.list);
        }
        return new ClickstreamMessage(messageId, identifiers,
                interaction == null ? null : interaction.build(messageId, occurredAt), null, "identify".equals(type));
    }

    /**
     * The id of a message sent without a messageId: a hash of its content (keys in any order,
     * {@code sentAt} left out, since an SDK sets it anew on each attempt), so that the same
     * message sent again is recognised.
     */
    static String derivedMessageId(JsonNode message) {
        StringBuilder canonical = new StringBuilder();
        canonical(message, canonical, true);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "derived-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void canonical(JsonNode node, StringBuilder out, boolean top) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            out.append('{');
            boolean first = true;
            for (String key : keys) {
                if (top && key.equals("sentAt")) {
                    continue;
                }
                out.append(first ? "" : ",").append(com.fasterxml.jackson.databind.node.TextNode.valueOf(key)).append(':');
                canonical(node.get(key), out, false);
                first = false;
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                canonical(node.get(i), out, false);
            }
            out.append(']');
        } else {
            out.append(node);
        }
    }

    /** Builds the interaction once id and time are known to be valid. */
    private interface Interaction {
        CustomerInteraction build(String interactionId, Instant occurredAt);
    }

    private static String type(JsonNode message, String impliedType, Errors errors) {
        String sent = text(message, "type", "type", 32, errors);
        if (sent == null && impliedType == null) {
            if (!errors.has("type")) {
                errors.add("type: required: one of " + KNOWN_TYPES);
            }
            return null;
        }
        if (sent != null && impliedType != null && !sent.equalsIgnoreCase(impliedType)) {
            errors.add("type: '" + sent + "' sent to the " + impliedType + " endpoint; send it to /" + sent + " or /batch");
            return null;
        }
        String type = (sent != null ? sent : impliedType).toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            errors.add("type: unknown message type '" + type + "'; known types: " + KNOWN_TYPES);
            return null;
        }
        return type;
    }

    /**
     * userId is the brand's member code, anonymousId the device or browser (and so is an alias's
     * previousId); context.externalIds, the traits (identify's {@code traits}, any message's
     * {@code context.traits}) and the properties openId/unionId add more.
     */
    private static List<CustomerIdentifier> identifiers(JsonNode message, String type, IdentifierType userIdType, Errors errors) {
        Set<CustomerIdentifier> identifiers = new LinkedHashSet<>();
        String userId = text(message, "userId", "userId", MAX_ID_LENGTH, errors);
        if (userId != null) {
            identifiers.add(new CustomerIdentifier(userIdType, userId));
        }
        String anonymousId = text(message, "anonymousId", "anonymousId", MAX_ID_LENGTH, errors);
        if (anonymousId != null) {
            identifiers.add(new CustomerIdentifier(IdentifierType.DEVICE, anonymousId));
        }
        if ("alias".equals(type)) {
            String previousId = text(message, "previousId", "previousId", MAX_ID_LENGTH, errors);
            if (previousId == null && !errors.has("previousId")) {
                errors.add("previousId: required for an alias message: the id the visitor was known by (their anonymousId)");
            } else if (previousId != null) {
                identifiers.add(new CustomerIdentifier(IdentifierType.DEVICE, previousId));
            }
            if (userId == null && !errors.has("userId")) {
                errors.add("userId: required for an alias message: the id the visitor is known by from now on");
            }
        }
        if ("identify".equals(type)) {
            traitIdentifiers(message, "traits", true, identifiers, errors);
        }
        traitIdentifiers(message.path("context"), "context.traits", true, identifiers, errors);
        if (!"group".equals(type)) {
            traitIdentifiers(message, "properties", false, identifiers, errors);
        }
        JsonNode externalIds = message.path("context").path("externalIds");
        if (!externalIds.isMissingNode() && !externalIds.isNull()) {
            if (!externalIds.isArray()) {
                errors.add("context.externalIds: must be an array of {\"type\",\"id\"}");
            } else {
                for (int i = 0; i < externalIds.size(); i++) {
                    String path = "context.externalIds[" + i + "]";
                    JsonNode external = externalIds.get(i);
                    String typeCode = text(external, "type", path + ".type", 32, errors);
                    String id = text(external, "id", path + ".id", MAX_ID_LENGTH, errors);
                    if (typeCode == null || id == null) {
                        if (!errors.has(path)) {
                            errors.add(path + ": needs both type and id");
                        }
                        continue;
                    }
                    IdentifierType.fromCode(typeCode).ifPresentOrElse(
                            known -> {
                                if (known == IdentifierType.PHONE || known == IdentifierType.EMAIL) {
                                    addPersonal(known, id, path + ".id", identifiers, errors);
                                } else {
                                    identifiers.add(new CustomerIdentifier(known, id));
                                }
                            },
                            () -> errors.add(path + ".type: unknown identifier type '" + typeCode + "'; known types: "
                                    + IdentifierType.codes()));
                }
            }
        }
        if (identifiers.isEmpty() && !errors.has("userId") && !errors.has("anonymousId") && !errors.has("context.externalIds")) {
            errors.add("userId: at least one of userId, anonymousId (or context.externalIds) is required");
        }
        return List.copyOf(identifiers);
    }

    /**
     * The phone, email, openId and unionId of a traits object (or openId/unionId among properties)
     * as identifiers. {@code field} is the object's name in {@code parent}, e.g. "traits".
     */
    private static void traitIdentifiers(JsonNode parent, String path, boolean personal, Set<CustomerIdentifier> identifiers,
                                         Errors errors) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        JsonNode traits = parent.path(field);
        if (traits.isMissingNode() || traits.isNull()) {
            return;
        }
        if (!traits.isObject()) {
            if (personal) {
                errors.add(path + ": must be an object");
            }
            return;
        }
        if (personal) {
            String phone = text(traits, "phone", path + ".phone", 64, errors);
            if (phone != null) {
                addPersonal(IdentifierType.PHONE, phone, path + ".phone", identifiers, errors);
            }
            String email = text(traits, "email", path + ".email", MAX_ID_LENGTH, errors);
            if (email != null) {
                addPersonal(IdentifierType.EMAIL, email, path + ".email", identifiers, errors);
            }
        }
        String openId = text(traits, "openId", path + ".openId", MAX_ID_LENGTH, errors);
        if (openId != null) {
            identifiers.add(new CustomerIdentifier(IdentifierType.OPENID, openId));
        }
        String unionId = text(traits, "unionId", path + ".unionId", MAX_ID_LENGTH, errors);
        if (unionId != null) {
            identifiers.add(new CustomerIdentifier(IdentifierType.UNIONID, unionId));
        }
    }

    /** A phone number (digits, an optional leading +) or an email address (lower-cased) as an identifier. */
    private static void addPersonal(IdentifierType type, String value, String path, Set<CustomerIdentifier> identifiers,
                                    Errors errors) {
        if (type == IdentifierType.PHONE) {
            String normalised = value.replaceAll("[\\s().-]", "");
            if (normalised.matches("\\+?[0-9]{6,17}")) {
                identifiers.add(piiIdentifier(IdentifierType.PHONE, normalised));
            } else {
                errors.add(path + ": not a phone number (5 to 20 digits, optionally a leading + and spaces, dots, dashes or brackets)");
            }
        } else if (value.matches("[^@\\s]+@[^@\\s]+")) {
            identifiers.add(piiIdentifier(IdentifierType.EMAIL, value.toLowerCase(Locale.ROOT)));
        } else {
            errors.add(path + ": not an email address (name@domain)");
        }
    }

    /**
     * PII: the one place phone numbers and email addresses become identifiers, passed on as
     * {@code phone:<normalised>} / {@code email:<lowercased>}. The CRM source's
     * IdentifierPseudonymizer (keyed hash) replaces the value here when the branches are merged,
     * so that every source derives the same identifier from the same person.
     */
    static CustomerIdentifier piiIdentifier(IdentifierType type, String normalisedValue) {
        return new CustomerIdentifier(type, normalisedValue);
    }

    /**
     * Segment's rules: {@code timestamp} as sent; else, with {@code sentAt} and
     * {@code originalTimestamp}, the device clock's skew taken out
     * (receivedAt − (sentAt − originalTimestamp)); else {@code originalTimestamp}; else receivedAt.
     * More than a day ahead of receivedAt is refused: a device clock that far off is wrong.
     */
    private static Instant occurredAt(JsonNode message, Instant receivedAt, Errors errors) {
        Instant timestamp = instant(message, "timestamp", errors);
        Instant original = instant(message, "originalTimestamp", errors);
        Instant sentAt = instant(message, "sentAt", errors);
        if (errors.has("timestamp") || errors.has("originalTimestamp") || errors.has("sentAt")) {
            return null;
        }
        String field;
        Instant at;
        if (timestamp != null) {
            field = "timestamp";
            at = timestamp;
        } else if (original != null && sentAt != null) {
            field = "originalTimestamp";
            at = receivedAt.minus(Duration.between(original, sentAt));
        } else if (original != null) {
            field = "originalTimestamp";
            at = original;
        } else {
            return receivedAt;
        }
        if (at.isAfter(receivedAt.plus(MAX_AHEAD))) {
            errors.add(field + ": " + (field.equals("timestamp") || sentAt == null ? at : at + " after clock-skew correction")
                    + " is more than 1 day after the message was received (" + receivedAt + ")");
            return null;
        }
        return at;
    }

    private static Instant instant(JsonNode message, String field, Errors errors) {
        String text = text(message, field, field, 64, errors);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(field + ": '" + text + "' is not an ISO-8601 date-time with an offset, such as 2026-11-20T10:15:00Z");
            return null;
        }
    }

    /**
     * The channel: a {@code channel} property, else the message's {@code channel} (Segment's
     * "browser" and "mobile" read as web and app; "server" says nothing), else what the SDK tells:
     * a mini-program library, an app ({@code context.app}, {@code context.os}, an iOS, Android,
     * React Native or Flutter library), otherwise web.
     */
    private static String channel(JsonNode message, Errors errors) {
        JsonNode properties = message.path("properties");
        String own = properties.isObject() ? text(properties, "channel", "properties.channel", MAX_CHANNEL_LENGTH, errors) : null;
        if (own != null) {
            return own;
        }
        String channel = text(message, "channel", "channel", MAX_CHANNEL_LENGTH, errors);
        if (channel != null && !channel.equalsIgnoreCase("server")) {
            return switch (channel.toLowerCase(Locale.ROOT)) {
                case "browser" -> "web";
                case "mobile" -> "app";
                default -> channel;
            };
        }
        JsonNode context = message.path("context");
        String library = context.path("library").path("name").asText("").toLowerCase(Locale.ROOT);
        if (library.matches(".*(mini-?program|miniapp|weapp|wechat|alipay).*")) {
            return "mini-program";
        }
        if (context.has("app") || context.has("os")
                || library.matches(".*(ios|android|react-native|flutter|swift|kotlin).*")) {
            return "app";
        }
        return "web";
    }

    private static String pagePath(JsonNode message, JsonNode properties, Errors errors) {
        String path = text(properties, "path", "properties.path", 2048, errors);
        return path != null ? path : text(message.path("context").path("page"), "path", "context.page.path", 2048, errors);
    }

    private static Interaction track(JsonNode message, JsonNode properties, String channel, Errors errors) {
        String event = text(message, "event", "event", MAX_TEXT_LENGTH, errors);
        if (event == null) {
            if (!errors.has("event")) {
                errors.add("event: required for a track message (e.g. \"Product Viewed\")");
            }
            return null;
        }
        return switch (normalized(event)) {
            case "product viewed" -> {
                ProductRef product = product(properties, "properties.", errors);
                Duration dwell = dwell(properties, errors);
                yield (id, at) -> new CustomerInteraction.ProductView(id, at, channel, product, dwell);
            }
            case "product added" -> {
                ProductRef product = product(properties, "properties.", errors);
                int quantity = quantity(properties, errors);
                yield (id, at) -> new CustomerInteraction.CartItemAdd(id, at, channel, product, quantity);
            }
            case "product removed" -> {
                ProductRef product = product(properties, "properties.", errors);
                int quantity = quantity(properties, errors);
                yield (id, at) -> new CustomerInteraction.CartItemRemove(id, at, channel, product, quantity);
            }
            case "cart viewed" -> {
                List<ProductRef> products = products(properties, errors);
                yield (id, at) -> new CustomerInteraction.CartView(id, at, channel, products);
            }
            case "checkout started" -> {
                String orderId = text(properties, "order_id", "properties.order_id", 128, errors);
                BigDecimal value = amount(properties, errors);
                String currency = currency(properties, errors);
                List<ProductRef> products = products(properties, errors);
                yield (id, at) -> new CustomerInteraction.CheckoutStart(id, at, channel, orderId, value, currency, products);
            }
            case "signed in", "logged in" -> (id, at) -> new CustomerInteraction.Login(id, at, channel);
            case "product shared" -> {
                ProductRef product = product(properties, "properties.", errors);
                String via = text(properties, "share_via", "properties.share_via", MAX_CHANNEL_LENGTH, errors);
                String platform = via != null ? via : channel;
                yield (id, at) -> new CustomerInteraction.Social(id, at, platform, SocialAction.SHARE, product == null ? null : product.sku());
            }
            default -> {
                Map<String, String> flat = flatten("properties", properties, errors);
                // openId/unionId became identifiers: stored nowhere else.
                flat.keySet().removeIf(key -> key.equals("openId") || key.equals("unionId"));
                yield (id, at) -> new CustomerInteraction.Custom(id, at, channel, event, flat);
            }
        };
    }

    /**
     * The identifiers (and those among the traits) go to identity resolution together; the event
     * keeps the other traits, flat, without personal ones (they arrive through the CRM source).
     */
    private static Interaction identify(JsonNode message, String channel, Errors errors) {
        Map<String, String> traits = withoutPersonalTraits(flatten("traits", object(message, "traits", errors), errors));
        return (id, at) -> new CustomerInteraction.Custom(id, at, channel, "Identify", traits);
    }

    private static Map<String, String> withoutPersonalTraits(Map<String, String> flat) {
        Map<String, String> kept = new LinkedHashMap<>();
        flat.forEach((key, value) -> {
            String top = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (!PII_TRAITS.contains(top.toLowerCase(Locale.ROOT))) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    /** The identifiers (previousId, userId) go to identity resolution together; the event only says it happened. */
    private static Interaction alias(JsonNode message, String channel, Errors errors) {
        String previousId = errors.has("previousId") ? null : text(message, "previousId", "previousId", MAX_ID_LENGTH, errors);
        Map<String, String> properties = previousId == null ? Map.of() : Map.of("previousId", previousId);
        return (id, at) -> new CustomerInteraction.Custom(id, at, channel, "Alias", properties);
    }

    /** The group (company, household, store) the user joined, with its traits flat and without personal ones. */
    private static Interaction group(JsonNode message, String channel, Errors errors) {
        String groupId = text(message, "groupId", "groupId", MAX_ID_LENGTH, errors);
        if (groupId == null && !errors.has("groupId")) {
            errors.add("groupId: required for a group message: which group");
        }
        JsonNode traits = object(message, "traits", errors);
        Map<String, String> flat = new LinkedHashMap<>();
        flat.put("groupId", groupId == null ? "" : groupId);
        flat.putAll(withoutPersonalTraits(flatten("traits", traits, errors)));
        return (id, at) -> new CustomerInteraction.Custom(id, at, channel, "Group", flat);
    }

    /**
     * "Order Completed" → an order; "Order Refunded" / "Order Cancelled" → its cancellation, with the
     * products taken back. Both need order_id, currency and products with price (quantity
     * defaults to 1).
     */
    private static ClickstreamMessage.Order order(String event, JsonNode properties, Instant at, String channel, Errors errors) {
        String orderId = text(properties, "order_id", "properties.order_id", 128, errors);
        if (orderId == null && !errors.has("properties.order_id")) {
            errors.add("properties.order_id: required for " + event + ": which order");
        }
        String currency = currency(properties, errors);
        if (currency == null && !errors.has("properties.currency")) {
            errors.add("properties.currency: required for an order: a 3-letter ISO-4217 code such as GBP");
        }
        List<OrderLine> lines = new ArrayList<>();
        JsonNode products = properties.path("products");
        if (!products.isArray() || products.isEmpty()) {
            errors.add("properties.products: required for an order: an array of products with price (and quantity)");
        } else {
            for (int i = 0; i < products.size(); i++) {
                JsonNode product = products.get(i);
                String prefix = "properties.products[" + i + "].";
                if (!product.isObject()) {
                    errors.add("properties.products[" + i + "]: must be an object");
                    continue;
                }
                ProductRef ref = product(product, prefix, errors);
                int quantity = quantity(product, prefix, errors);
                if (ref != null && ref.price() == null) {
                    errors.add(prefix + "price: required for an order line: the unit price");
                } else if (ref != null) {
                    lines.add(new OrderLine(ref.sku(), ref.name(), quantity, ref.price()));
                }
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new ClickstreamMessage.Order(!event.equals("order completed"), orderId, at, currency, lines, channel);
    }

    /** "Product Viewed", "product_viewed" and "product-viewed" are the same event. */
    static String normalized(String event) {
        return event.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ').replaceAll("\\s+", " ").strip();
    }

    /** Segment names the product product_id (and sku when it differs); the SKU is what orders carry, so it wins. */
    private static ProductRef product(JsonNode node, String prefix, Errors errors) {
        int before = errors.size();
        String sku = text(node, "sku", prefix + "sku", 128, errors);
        if (sku == null) {
            sku = text(node, "product_id", prefix + "product_id", 128, errors);
        }
        if (sku == null && errors.size() == before) {
            errors.add(prefix + "product_id: required (or " + prefix + "sku): which product");
        }
        String name = text(node, "name", prefix + "name", MAX_TEXT_LENGTH, errors);
        String category = text(node, "category", prefix + "category", MAX_TEXT_LENGTH, errors);
        String brand = text(node, "brand", prefix + "brand", MAX_TEXT_LENGTH, errors);
        BigDecimal price = decimal(node, "price", prefix + "price", errors);
        if (errors.size() > before) {
            return null;
        }
        return new ProductRef(sku, name, category, brand, price);
    }

    private static List<ProductRef> products(JsonNode properties, Errors errors) {
        JsonNode products = properties.path("products");
        if (products.isMissingNode() || products.isNull()) {
            return List.of();
        }
        if (!products.isArray()) {
            errors.add("properties.products: must be an array of products");
            return List.of();
        }
        List<ProductRef> refs = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            JsonNode product = products.get(i);
            String prefix = "properties.products[" + i + "].";
            if (!product.isObject()) {
                errors.add("properties.products[" + i + "]: must be an object");
                continue;
            }
            ProductRef ref = product(product, prefix, errors);
            if (ref != null) {
                refs.add(ref);
            }
        }
        return refs;
    }

    private static int quantity(JsonNode properties, Errors errors) {
        return quantity(properties, "properties.", errors);
    }

    private static int quantity(JsonNode node, String prefix, Errors errors) {
        JsonNode quantity = node.path("quantity");
        if (quantity.isMissingNode() || quantity.isNull()) {
            return 1;
        }
        if (!quantity.canConvertToExactIntegral() || !quantity.canConvertToInt() || quantity.asInt() < 1) {
            errors.add(prefix + "quantity: must be a whole number of at least 1, got " + quantity);
            return 1;
        }
        return quantity.asInt();
    }

    /**
     * How long a product was viewed: {@code properties.dwell_seconds}, a number of seconds (fractions
     * allowed) from 0 to a day, sent by trackers that report the view when the customer leaves it. Absent:
     * the length is unknown (null).
     */
    private static Duration dwell(JsonNode properties, Errors errors) {
        BigDecimal seconds = decimal(properties, "dwell_seconds", "properties.dwell_seconds", errors);
        if (seconds == null) {
            return null;
        }
        if (seconds.compareTo(MAX_DWELL_SECONDS) > 0) {
            errors.add("properties.dwell_seconds: at most " + MAX_DWELL_SECONDS + " (a day), got " + seconds.toPlainString());
            return null;
        }
        return Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /** Checkout Started carries its amount as value (v2), revenue or total (older senders). */
    private static BigDecimal amount(JsonNode properties, Errors errors) {
        for (String field : List.of("value", "revenue", "total")) {
            if (properties.hasNonNull(field)) {
                return decimal(properties, field, "properties." + field, errors);
            }
        }
        return null;
    }

    private static String currency(JsonNode properties, Errors errors) {
        String currency = text(properties, "currency", "properties.currency", 8, errors);
        if (currency == null) {
            return null;
        }
        String code = currency.toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{3}")) {
            errors.add("properties.currency: must be a 3-letter ISO-4217 code such as GBP, got '" + currency + "'");
            return null;
        }
        return code;
    }

    /** An event no mapping knows keeps its properties flat ("address.city"), as tag conditions read them. */
    private static Map<String, String> flatten(String path, JsonNode properties, Errors errors) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", properties, flat);
        if (flat.size() > MAX_CUSTOM_PROPERTIES) {
            errors.add(path + ": " + flat.size() + " properties (nested ones counted one by one); at most "
                    + MAX_CUSTOM_PROPERTIES + " are recorded per event");
        }
        flat.forEach((key, value) -> {
            if (value.length() > MAX_CUSTOM_VALUE_LENGTH) {
                errors.add(path + "." + key + ": longer than " + MAX_CUSTOM_VALUE_LENGTH + " characters");
            }
        });
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> flatten(prefix + field.getKey() + ".", field.getValue(), flat));
        } else if (!node.isNull() && !node.isMissingNode()) {
            String key = prefix.substring(0, prefix.length() - 1);
            flat.put(key, node.isArray() ? node.toString() : node.asText());
        }
    }

    private static JsonNode object(JsonNode message, String field, Errors errors) {
        JsonNode node = message.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            errors.add(field + ": must be an object");
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        return node;
    }

    /** A string (or a number, which some senders use for ids), blank counted as missing. */
    private static String text(JsonNode node, String field, String path, int maxLength, Errors errors) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            errors.add(path + ": must be a string");
            return null;
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > maxLength) {
            errors.add(path + ": longer than " + maxLength + " characters");
            return null;
        }
        return text;
    }

    private static BigDecimal decimal(JsonNode node, String field, String path, Errors errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        BigDecimal number = null;
        if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isTextual()) {
            try {
                number = new BigDecimal(value.asText().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        if (number == null) {
            errors.add(path + ": must be a number, got " + value);
            return null;
        }
        if (number.signum() < 0) {
            errors.add(path + ": must not be negative, got " + number.toPlainString());
            return null;
        }
        return number;
    }

    private static final class Errors {
        private final List<String> list = new ArrayList<>();

        void add(String error) {
            list.add(error);
        }

        boolean has(String path) {
            return list.stream().anyMatch(e -> e.startsWith(path + ":") || e.startsWith(path + ".") || e.startsWith(path + "["));
        }

        boolean isEmpty() {
            return list.isEmpty();
        }

        int size() {
            return list.size();
        }
    }
}
