package com.retailpulse.projections.index;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.DynamicTemplate;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.util.NamedValue;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AliasedIndexTest {

    private final AliasedIndex index = new AliasedIndex(null, "interactions-x1", 0, () -> null);

    @Test
    void names_its_aliases_and_reads_the_version_of_its_own_indexes_only() {
        assertThat(index.readAlias()).isEqualTo("interactions-x1");
        assertThat(index.writeAlias()).isEqualTo("interactions-x1-write");
        assertThat(index.versionOf("interactions-x1-v1")).isEqualTo(1);
        assertThat(index.versionOf("interactions-x1-v12")).isEqualTo(12);
        assertThatThrownBy(() -> index.versionOf("interactions-v3")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> index.versionOf("interactions-x1-write")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_plain_index_is_adopted_as_the_first_version_under_the_same_names() {
        AliasedIndex adopting = AliasedIndex.adoptingPlainIndex(null, "profiles-x2", 0, () -> null);
        assertThat(adopting.firstVersion()).isEqualTo("profiles-x2-v1");
        assertThat(adopting.versionOf(adopting.firstVersion())).isEqualTo(1);
        assertThat(adopting.readAlias()).isEqualTo("profiles-x2");
        assertThat(adopting.writeAlias()).isEqualTo("profiles-x2-write");
    }

    @Test
    void a_rebuilt_index_is_mapped_like_the_first_fields_dynamic_templates_and_dynamic_setting_with_the_rebuild_in_its_meta() {
        TypeMapping first = new TypeMapping.Builder()
                .dynamic(DynamicMapping.False)
                .properties("customerId", Property.of(p -> p.keyword(k -> k)))
                .dynamicTemplates(NamedValue.of("flags", DynamicTemplate.of(t -> t.pathMatch("tags.scenario.*")
                        .mapping(Property.of(p -> p.boolean_(b -> b))))))
                .build();

        TypeMapping rebuilt = AliasedIndex.withMeta(first, Map.of(AliasedIndex.REBUILD_UNTIL, JsonData.of(42L)));

        assertThat(rebuilt.properties()).containsOnlyKeys("customerId");
        assertThat(rebuilt.dynamic()).isEqualTo(DynamicMapping.False);
        assertThat(rebuilt.dynamicTemplates()).hasSize(1);
        assertThat(rebuilt.dynamicTemplates().get(0).name()).isEqualTo("flags");
        assertThat(rebuilt.meta().get(AliasedIndex.REBUILD_UNTIL).to(Long.class)).isEqualTo(42L);
    }

    @Test
    void a_mapping_without_dynamic_templates_or_setting_gets_none() {
        TypeMapping plain = new TypeMapping.Builder().properties("seq", Property.of(p -> p.long_(l -> l))).build();
        TypeMapping rebuilt = AliasedIndex.withMeta(plain, Map.of());
        assertThat(rebuilt.dynamic()).isNull();
        assertThat(rebuilt.dynamicTemplates()).isEmpty();
    }

    @Test
    void only_versions_of_its_own_are_ever_dropped_as_unserved() {
        assertThatThrownBy(() -> index.dropUnserved("interactions-x1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> index.dropUnserved("profiles-v2")).isInstanceOf(IllegalStateException.class);
    }
}
