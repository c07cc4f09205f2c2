package com.retailpulse.projections.index;

import org.junit.jupiter.api.Test;

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
}
