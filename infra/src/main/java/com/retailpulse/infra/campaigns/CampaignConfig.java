package com.retailpulse.infra.campaigns;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.retailpulse.command.campaign.Campaign;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.projections.campaign.CampaignCatalogue;
import com.retailpulse.projections.campaign.CampaignResults;
import com.retailpulse.projections.profile.ProfileIndex;
import com.retailpulse.sagas.campaign.CampaignAudience;
import com.retailpulse.sagas.campaign.CampaignDispatch;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Campaigns (docs/campaigns.md): the aggregate, the dispatch saga with its audience and message costs,
 * and the two read models (the campaigns, and each decided customer's results). The saga's deadlines are
 * the platform's persistent Quartz deadline manager (JourneyConfig), so a send time, a pending batch and
 * the end of the period survive a restart.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CampaignSettings.class)
class CampaignConfig {

    static final String DISPATCH = "CampaignDispatchProcessor";

    @Bean
    ConfigurerModule campaignAggregate() {
        return configurer -> configurer.configureAggregate(Campaign.class);
    }

    /**
     * A tracking processor, woken at each commit, that starts at the head of the stream: deploying never
     * re-runs the dispatch of campaigns scheduled before.
     */
    @Bean
    ConfigurerModule campaignDispatchSaga(@Value("${retailpulse.processors.batch-size}") int batchSize) {
        return configurer -> configurer.eventProcessing(processing -> {
            processing.registerSaga(CampaignDispatch.class);
            processing.registerEventProcessor(DISPATCH, (name, config, invoker) -> AxonConfig.trackingAfterProcessing(
                    name, config, invoker, batchSize, source -> source.createHeadToken()));
        });
    }

    @Bean
    CampaignAudience campaignAudience(ElasticsearchClient client, ProfileIndex profiles) {
        return new ElasticsearchCampaignAudience(client, profiles);
    }

    /** Checked at start: an unknown channel, a bad currency or a negative cost stops it with the setting named. */
    @Bean
    SettingsChannelCosts channelCosts(CampaignSettings settings) {
        return settings.channelCosts();
    }

    @Bean
    CampaignCatalogue campaignCatalogue(MongoClient client, @Value("${spring.data.mongodb.database}") String database,
                                        ObjectMapper objectMapper) {
        return new CampaignCatalogue(client.getDatabase(database), objectMapper);
    }

    @Bean
    CampaignResults campaignResults(MongoClient client, @Value("${spring.data.mongodb.database}") String database,
                                    CampaignSettings settings) {
        return new CampaignResults(client.getDatabase(database), settings.attributionWindow());
    }
}
