package com.retailpulse.infra.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.infra.config.KafkaSettings;
import com.retailpulse.infra.privacy.PersonalDataStore;
import com.retailpulse.privacy.IdentifierPseudonymizer;
import com.retailpulse.privacy.MasterKey;
import com.retailpulse.privacy.PiiCipher;
import com.retailpulse.projections.profile.ProfileIndex;
import org.apache.kafka.clients.admin.Admin;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/** Channel delivery (docs/channels.md): the providers, the ledger and dead letters, tracked links and the topic consumers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChannelSettings.class)
class ChannelsConfig {

    private static final Logger log = LoggerFactory.getLogger(ChannelsConfig.class);

    @Bean
    TrackedLinks trackedLinks(ChannelSettings settings, MasterKey masterKey) {
        byte[] secret = ChannelSettings.blank(settings.linkSecret())
                ? masterKey.derive("retailpulse tracked links v1")
                : Base64.getDecoder().decode(settings.linkSecret().strip());
        return new TrackedLinks(secret, settings.publicBaseUrl());
    }

    @Bean
    Inbox inbox(MongoClient client, @Value("${spring.data.mongodb.database}") String database, Clock clock) {
        return new Inbox(client.getDatabase(database), clock);
    }

    @Bean
    GuideScreenFeed guideScreenFeed(MongoClient client, @Value("${spring.data.mongodb.database}") String database, Clock clock) {
        return new GuideScreenFeed(client.getDatabase(database), clock);
    }

    /** The configured adapters, and every {@link ChannelProvider} bean (the inbox, the guide screen, a deployment's own). */
    @Bean
    ChannelProviders channelProviders(List<ChannelProvider> beans, ChannelSettings settings, ObjectMapper mapper, TrackedLinks links) {
        List<ChannelProvider> candidates = new ArrayList<>(beans);
        for (Channel channel : List.of(Channel.SMS, Channel.APP_PUSH, Channel.MINI_PROGRAM, Channel.WECHAT_OA)) {
            if (settings.gateway(channel).configured()) {
                candidates.add(new HttpGatewayProvider(channel, settings.gateway(channel), mapper));
            }
        }
        if (settings.webhook().configured()) {
            candidates.add(new WebhookProvider(settings.webhook(), mapper));
        }
        if (settings.email().configured()) {
            candidates.add(new EmailProvider(mailSender(settings.email()), settings.email().from(), links));
        }
        ChannelProviders providers = new ChannelProviders(candidates);
        log.info("Channel providers: {}", providers.describe());
        return providers;
    }

    private static JavaMailSenderImpl mailSender(ChannelSettings.Email email) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(email.host().strip());
        sender.setPort(email.port());
        sender.setDefaultEncoding("UTF-8");
        Properties properties = new Properties();
        String timeout = Long.toString(email.timeout().toMillis());
        properties.setProperty("mail.smtp.connectiontimeout", timeout);
        properties.setProperty("mail.smtp.timeout", timeout);
        properties.setProperty("mail.smtp.writetimeout", timeout);
        if (!ChannelSettings.blank(email.username())) {
            sender.setUsername(email.username());
            sender.setPassword(email.password());
            properties.setProperty("mail.smtp.auth", "true");
        }
        if (email.starttls()) {
            properties.setProperty("mail.smtp.starttls.enable", "true");
            properties.setProperty("mail.smtp.starttls.required", "true");
        }
        sender.setJavaMailProperties(properties);
        return sender;
    }

    // The channels' part in a customer's access and erasure requests (docs/privacy.md).
    @Bean
    PersonalDataStore inboxPersonalData(MongoClient client, @Value("${spring.data.mongodb.database}") String database) {
        return ChannelPersonalData.inbox(client.getDatabase(database));
    }

    @Bean
    PersonalDataStore guideScreenPersonalData(MongoClient client, @Value("${spring.data.mongodb.database}") String database) {
        return ChannelPersonalData.guideScreenFeed(client.getDatabase(database));
    }

    @Bean
    PersonalDataStore deadLetterPersonalData(MongoClient client, @Value("${spring.data.mongodb.database}") String database) {
        return ChannelPersonalData.deadLetters(client.getDatabase(database));
    }

    @Bean
    PersonalDataStore deliveryPersonalData(MongoClient client, @Value("${spring.data.mongodb.database}") String database) {
        return ChannelPersonalData.deliveries(client.getDatabase(database));
    }

    @Bean
    ChannelDelivery channelDelivery(ChannelProviders providers, MongoClient client, @Value("${spring.data.mongodb.database}") String database,
                                    DeadLetters deadLetters, TrackedLinks links, Receipts receipts, ObjectMapper mapper, Clock clock,
                                    ChannelSettings settings, ProfileIndex profiles, PiiCipher cipher,
                                    IdentifierPseudonymizer pseudonyms) {
        MongoDatabase db = client.getDatabase(database);
        return new ChannelDelivery(providers, new RecipientAddresses(profiles, cipher, pseudonyms), new DeliveryLedger(db, clock, node()),
                deadLetters, links, receipts, mapper, clock,
                settings.retry(), settings.claimLease());
    }

    @Bean
    Receipts channelReceipts(CommandGateway commands, Clock clock) {
        return new Receipts(commands, clock);
    }

    @Bean
    DeadLetters channelDeadLetters(MongoClient client, @Value("${spring.data.mongodb.database}") String database, Clock clock) {
        return new DeadLetters(client.getDatabase(database), clock);
    }

    @Bean
    ChannelTopicConsumers channelTopicConsumers(ChannelDelivery delivery, ObjectMapper mapper, KafkaSettings kafka, ChannelSettings settings,
                                                Admin admin, @Value("${retailpulse.messaging.topic-prefix}") String topicPrefix,
                                                @Value("${retailpulse.messaging.topic-partitions}") int partitions) {
        return new ChannelTopicConsumers(delivery, mapper, kafka, settings, admin, topicPrefix, partitions);
    }

    /** Names the node in ledger claims, so an interrupted delivery says where it was. */
    private static String node() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
