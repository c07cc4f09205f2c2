package com.retailpulse.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyTest {

    @Test
    void the_embedded_default_creates_the_key_file_once_readable_by_the_owner_only(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("privacy").resolve("master.key");
        MasterKey first = MasterKey.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(MasterKey.loadOrCreate(file).id()).as("the same key next start").isEqualTo(first.id());
    }

    @Test
    void a_configured_key_of_the_wrong_size_or_not_base64_is_refused_with_the_reason() {
        assertThatThrownBy(() -> MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(PrivacyException.class).hasMessageContaining("must be 32 bytes").hasMessageContaining("got 16");
        assertThatThrownBy(() -> MasterKey.fromBase64("not base64 !"))
                .isInstanceOf(PrivacyException.class).hasMessageContaining("not valid base64");
    }

    @Test
    void the_key_id_identifies_the_key_without_revealing_it() {
        String encoded = Base64.getEncoder().encodeToString(new byte[32]);
        MasterKey key = MasterKey.fromBase64(encoded);
        assertThat(key.id()).hasSize(16).isEqualTo(MasterKey.fromBase64(encoded).id());
        assertThat(key.toString()).doesNotContain(encoded);
        byte[] other = new byte[32];
        other[31] = 1;
        assertThat(MasterKey.fromBase64(Base64.getEncoder().encodeToString(other)).id()).isNotEqualTo(key.id());
    }
}
