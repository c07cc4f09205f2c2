package com.retailpulse.infra.replay;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.ProfileIndex;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data directory from before the profiles moved behind aliases (ADR 0024) has one plain index named like the
 * read alias. Starting over it adopts it as the first version: same documents, both aliases, writable, with
 * the fields added since — without a replay. A start that died half-way through the adoption is started over.
 */
@IntegrationTest
class ProfileIndexUpgradeTest {

    @Autowired
    ElasticsearchClient elasticsearch;

    /** Creates the index as a version without aliases did: a plain index, a part of today's mapping, two profiles. */
    private void plainIndexOfBefore(String name) throws Exception {
        elasticsearch.indices().create(c -> c.index(name)
                .settings(s -> s.numberOfReplicas("0"))
                .mappings(m -> m.properties("customerId", p -> p.keyword(k -> k))
                        .properties("identifiers", p -> p.keyword(k -> k))
                        .properties("segments", p -> p.keyword(k -> k))));
        for (String id : List.of("c1", "c2")) {
            elasticsearch.index(i -> i.index(name).id(id).refresh(Refresh.True)
                    .document(Map.of("customerId", id, "segments", List.of("old_" + id), "identifiers", List.of("member:" + id))));
        }
    }

    private void assertAdopted(String name, ProfileIndex profiles) throws Exception {
        String first = name + "-v1";
        assertThat(elasticsearch.indices().getAlias(g -> g.name(name)).result()).containsOnlyKeys(first);
        assertThat(elasticsearch.indices().getAlias(g -> g.name(name + "-write")).result()).containsOnlyKeys(first);
        assertThat(elasticsearch.indices().get(g -> g.index(name)).result()).as("the name is an alias now").containsOnlyKeys(first);
        assertThat(profiles.index().state().rebuilding()).isFalse();
        assertThat(profiles.count()).isEqualTo(2);
        assertThat(profiles.find("c1")).map(ProfileDocument::segments).contains(List.of("old_c1"));
        // the fields added since the plain index was made are mapped
        assertThat(elasticsearch.indices().getMapping(g -> g.index(first)).get(first).mappings().properties())
                .containsKeys("tags", "orders", "memberships");
        // writable through the write alias: the clone's write block is lifted
        ProfileIndex.Versioned c2 = profiles.load(Set.of("c2")).get("c2");
        assertThat(c2.isNew()).isFalse();
        profiles.write(List.of(c2));
        profiles.write(List.of(profiles.load(Set.of("c3")).get("c3")));
        elasticsearch.indices().refresh(r -> r.index(name));
        assertThat(profiles.count()).isEqualTo(3);
    }

    @Test
    void a_plain_profiles_index_is_adopted_behind_the_aliases_with_its_documents() throws Exception {
        String name = "profiles-upgrade-" + UUID.randomUUID().toString().substring(0, 8);
        plainIndexOfBefore(name);
        ProfileIndex profiles = new ProfileIndex(elasticsearch, name, 0);
        try {
            profiles.ensureExists();
            assertAdopted(name, profiles);
            profiles.ensureExists(); // the next start finds the aliases and leaves them be
            assertThat(elasticsearch.indices().getAlias(g -> g.name(name)).result()).containsOnlyKeys(name + "-v1");
            assertThat(profiles.count()).isEqualTo(3);
        } finally {
            profiles.drop();
        }
        assertThat(elasticsearch.indices().exists(e -> e.index(name + "-v1")).value()).isFalse();
        assertThat(elasticsearch.indices().existsAlias(a -> a.name(name)).value()).isFalse();
    }

    @Test
    void an_adoption_that_died_after_the_clone_is_started_over_from_the_plain_index() throws Exception {
        String name = "profiles-upgrade-" + UUID.randomUUID().toString().substring(0, 8);
        plainIndexOfBefore(name);
        // what a start killed between the clone and the alias update leaves: the plain index blocked, a clone
        elasticsearch.indices().putSettings(p -> p.index(name).settings(s -> s.blocks(b -> b.write(true))));
        elasticsearch.indices().create(c -> c.index(name + "-v1").settings(s -> s.numberOfReplicas("0")));
        elasticsearch.index(i -> i.index(name + "-v1").id("stray").refresh(Refresh.True).document(Map.of("customerId", "stray")));
        ProfileIndex profiles = new ProfileIndex(elasticsearch, name, 0);
        try {
            profiles.ensureExists();
            assertAdopted(name, profiles);
            assertThat(profiles.find("stray")).isEmpty();
        } finally {
            profiles.drop();
        }
    }
}
