package com.retailpulse.privacy;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * The AES-256 key that wraps every customer's data key. It never leaves the process: what is stored
 * beside a wrapped key is only its {@link #id()}, a one-way check value that tells which master
 * key wrapped it, so a wrong configuration fails with a clear message instead of "bad tag".
 */
public final class MasterKey {

    static final int LENGTH = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKey key;
    private final String id;

    private MasterKey(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new PrivacyException("the master key must be " + LENGTH + " bytes (AES-256), base64-encoded; got "
                    + bytes.length + " bytes");
        }
        this.key = new SecretKeySpec(bytes, "AES");
        this.id = HexFormat.of().formatHex(Arrays.copyOf(hmac(bytes, "retailpulse master key check"), 8));
    }

    /** From configuration ({@code retailpulse.privacy.master-key}): 32 bytes in base64. */
    public static MasterKey fromBase64(String base64) {
        try {
            return new MasterKey(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            throw new PrivacyException("the master key is not valid base64: " + e.getMessage(), e);
        }
    }

    /**
     * The key in {@code file}; when the file does not exist, a new random key is written there first,
     * readable by the owner only (the embedded default: keep the file, or every encrypted value is lost).
     */
    public static MasterKey loadOrCreate(Path file) {
        try {
            if (Files.notExists(file)) {
                create(file);
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new PrivacyException("cannot read or create the master key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] bytes = new byte[LENGTH];
        new SecureRandom().nextBytes(bytes);
        String encoded = Base64.getEncoder().encodeToString(bytes) + "\n";
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            return; // another process created it first: use theirs
        }
        Files.writeString(file, encoded, StandardCharsets.US_ASCII);
    }

    /** A short public check value of the key (first 8 bytes of an HMAC), safe to store and log. */
    public String id() {
        return id;
    }

    SecretKey secretKey() {
        return key;
    }

    /** A secret derived from this key for another purpose (domain separation by {@code label}). */
    public byte[] derive(String label) {
        return hmac(key.getEncoded(), label);
    }

    static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
