package com.retailpulse.infra.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mongodb.client.MongoClient;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.DeliverMessageCommand;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.ChannelMessage;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageOutcome;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.MessageSource;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.privacy.IdentifierPseudonymizer;
import com.retailpulse.privacy.PiiCipher;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.retailpulse.infra.channels.ChannelFixtures.awaitEvents;
import static com.retailpulse.infra.channels.ChannelFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * E-mail through a real SMTP server (GreenMail, in-process): the customer gets the subject and text with
 * tracked links; following one records a click and lands on the target; an altered link is refused. A CRM
 * member's e-mail goes to the address on record, which only the delivery opens (docs/privacy.md).
 */
@IntegrationTest
class ChannelEmailTest {

    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static GreenMail smtp;

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    Admin admin;
    @Autowired
    ChannelSettings settings;
    @Value("${retailpulse.messaging.topic-prefix}")
    String topicPrefix;
    @Autowired
    PiiCipher cipher;
    @Autowired
    IdentifierPseudonymizer pseudonyms;
    @Autowired
    MongoClient mongo;
    @Value("${spring.data.mongodb.database}")
    String database;

    Api api;
    ChannelFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new ChannelFixtures(commands, mapper, admin, topicPrefix, settings.groupId());
        if (smtp == null) {
            smtp = new GreenMail(new ServerSetup(settings.email().port(), settings.email().host(), ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }
    }

    @AfterEach
    void tearDown() {
        fixtures.close();
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    @Test
    void an_email_arrives_with_its_subject_and_text_and_its_tracked_link_records_a_click_and_redirects() throws Exception {
        String address = "ann." + System.nanoTime() + "@example.com";
        String target = "https://shop.example.com/offers/winter?c=" + System.nanoTime();
        ChannelMessage message = fixtures.accepted(Channel.EMAIL, address, "Winter offer for you",
                "Hello Ann,\nyour winter offer is waiting: " + target + ". See you soon!");
        fixtures.publish(message);

        MimeMessage mail = await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> recipient(m).equals(address)).findFirst().orElse(null), m -> m != null);
        assertThat(mail.getSubject()).isEqualTo("Winter offer for you");
        assertThat(mail.getHeader(EmailProvider.MESSAGE_ID_HEADER)[0]).isEqualTo(message.messageId().value());
        String text = part(mail, "text/plain");
        Matcher link = Pattern.compile(Pattern.quote(settings.publicBaseUrl()) + "/t/([A-Za-z0-9_-]+)").matcher(text);
        assertThat(link.find()).as(text).isTrue();
        assertThat(text).startsWith("Hello Ann,\nyour winter offer is waiting: " + link.group()).endsWith(". See you soon!")
                .doesNotContain("shop.example.com");
        String token = link.group(1);
        // docs/channels.md: 3 + 17 (a UUID customer id) + 1 + message id + target + 16 bytes, in base64url
        int bytes = 3 + 17 + 1 + message.messageId().value().length() + target.length() + 16;
        assertThat(token).hasSize((bytes * 4 + 2) / 3);

        List<JsonNode> delivered = awaitEvents(api, message.customerId(), "MessageDeliveredEvent", 1);
        assertThat(delivered.get(0).at("/payload/detail").asText()).as("the SMTP Message-ID").isEqualTo(mail.getMessageID());

        // an altered link: the target swapped for another, the signature kept
        HttpResponse<String> tampered = get("/t/" + withTarget(token, target, "https://evil.example.net/phish"));
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(tampered.headers().firstValue("Location")).isEmpty();
        assertThat(tampered.body()).contains("tampered tracked link");
        HttpResponse<String> malformed = get("/t/not-a-token");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformed tracked link");

        HttpResponse<String> click = get("/t/" + token);
        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location")).contains(target);
        List<JsonNode> clicks = awaitEvents(api, message.customerId(), "MessageClickedEvent", 1);
        assertThat(clicks).extracting(c -> c.at("/payload/detail").asText()).containsExactly(target);
        assertThat(clicks.get(0).at("/payload/channel").asText()).isEqualTo("email");

        // opening the HTML part loads the pixel
        Matcher pixel = Pattern.compile("<img src=\"" + Pattern.quote(settings.publicBaseUrl()) + "(/t/[A-Za-z0-9_-]+)\"")
                .matcher(part(mail, "text/html"));
        assertThat(pixel.find()).isTrue();
        HttpResponse<String> opened = get(pixel.group(1));
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(awaitEvents(api, message.customerId(), "MessageOpenedEvent", 1)).hasSize(1);
        assertThat(events(api, message.customerId(), "MessageClickedEvent")).as("the altered link recorded nothing").hasSize(1);
    }

    @Test
    void a_crm_members_email_goes_to_the_address_on_record_while_the_platform_keeps_only_its_pseudonym_and_erasure_stops_it()
            throws Exception {
        String address = "li.lei." + System.nanoTime() + "@example.com";
        String customerId = crmMember(address);
        DeliverMessageCommand send = email(customerId);
        assertThat((MessageOutcome) commands.sendAndWait(send)).isEqualTo(MessageOutcome.ACCEPTED);

        MimeMessage mail = await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> recipient(m).equals(address)).findFirst().orElse(null), m -> m != null);
        assertThat(mail.getHeader(EmailProvider.MESSAGE_ID_HEADER)[0]).isEqualTo(send.request().messageId().value());
        awaitEvents(api, customerId, "MessageDeliveredEvent", 1);
        // the customer's history, the channel topic's copy in the ledger: the pseudonym, never the address
        String pseudonym = pseudonyms.email(address).value();
        List<JsonNode> accepted = events(api, customerId, "MessageAcceptedEvent");
        assertThat(accepted.get(0).at("/payload/recipient/value").asText()).isEqualTo(pseudonym);
        assertThat(accepted.toString()).doesNotContain(address);
        Document ledger = mongo.getDatabase(database).getCollection(DeliveryLedger.COLLECTION)
                .find(new Document("_id", send.request().messageId().value())).first();
        assertThat(ledger).isNotNull();
        assertThat(ledger.toJson()).contains(pseudonym).doesNotContain(address);

        // erased (the customer's key deleted): the address cannot be opened, so nothing is sent, and the failure says why
        String erasedAddress = "han.meimei." + System.nanoTime() + "@example.com";
        String erased = crmMember(erasedAddress);
        cipher.forget(new CustomerId(erased));
        assertThat((MessageOutcome) commands.sendAndWait(email(erased))).isEqualTo(MessageOutcome.ACCEPTED);
        List<JsonNode> failed = awaitEvents(api, erased, "MessageFailedEvent", 1);
        assertThat(failed.get(0).at("/payload/detail").asText()).contains("is erased");
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(ChannelEmailTest::recipient)).doesNotContain(erasedAddress);
    }

    /** A CRM member with an e-mail address and e-mail marketing consent, recorded through the members API; its customer id. */
    private String crmMember(String address) {
        String code = "EM" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response recorded = api.postJson("/api/v1/members", Api.ingest(), """
                {"memberCode": "%s", "name": "李雷", "email": "%s", "optIns": {"email": true}}""".formatted(code, address));
        assertThat(recorded.status()).as(recorded.body()).isLessThan(300);
        return await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/customers?identifier=member:" + code, Api.analyst()),
                r -> r.status() == 200).json().get("customerId").asText();
    }

    private static DeliverMessageCommand email(String customerId) {
        MessageId id = MessageId.of("campaign:pii-test:" + customerId);
        return new DeliverMessageCommand(new CustomerId(customerId), new MessageRequest(id, Channel.EMAIL, "For you",
                "Hello, your winter offer is waiting.", null, null,
                new MessageSource(MessageSource.CAMPAIGN, "pii-test", 1, "run-1", "variant-a", null), 0));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return BROWSER.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The token's bytes with {@code target} replaced by {@code other}, the MAC left as it was. */
    private static String withTarget(String token, String target, String other) {
        byte[] signed = Base64.getUrlDecoder().decode(token);
        byte[] targetBytes = target.getBytes(StandardCharsets.UTF_8);
        int macStart = signed.length - 16;
        int targetStart = macStart - targetBytes.length;
        assertThat(new String(signed, targetStart, targetBytes.length, StandardCharsets.UTF_8)).isEqualTo(target);
        byte[] otherBytes = other.getBytes(StandardCharsets.UTF_8);
        byte[] tampered = new byte[targetStart + otherBytes.length + 16];
        System.arraycopy(signed, 0, tampered, 0, targetStart);
        System.arraycopy(otherBytes, 0, tampered, targetStart, otherBytes.length);
        System.arraycopy(signed, macStart, tampered, targetStart + otherBytes.length, 16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
    }

    private static String recipient(MimeMessage mail) {
        try {
            return mail.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return ((String) part.getContent()).replace("\r\n", "\n");
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = partOrNull(body, type);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static String partOrNull(Part part, String type) throws Exception {
        try {
            return part(part, type);
        } catch (AssertionError e) {
            return null;
        }
    }
}
