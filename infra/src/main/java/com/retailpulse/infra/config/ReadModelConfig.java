package com.retailpulse.infra.config;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.retailpulse.projections.identity.IdentityDirectory;
import com.retailpulse.projections.profile.ProfileIndex;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The read-model stores the projections write and the query side reads. */
@Configuration(proxyBeanMethods = false)
public class ReadModelConfig {

    /** Elasticsearch documents use the application's JSON rules (ISO dates, records). */
    @Bean
    JsonpMapper jsonpMapper(ObjectMapper objectMapper) {
        return new JacksonJsonpMapper(objectMapper.copy());
    }

    @Bean
    ProfileIndex profileIndex(ElasticsearchClient client,
                              @Value("${retailpulse.elasticsearch.profiles-index}") String index,
                              @Value("${retailpulse.elasticsearch.replicas}") int replicas) {
        ProfileIndex profiles = new ProfileIndex(client, index, replicas);
        profiles.ensureExists();
        return profiles;
    }

    @Bean
    IdentityDirectory identityDirectory(MongoClient client, @Value("${spring.data.mongodb.database}") String database) {
        return new IdentityDirectory(client.getDatabase(database));
    }
}
