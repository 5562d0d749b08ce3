package dev.migralint.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 for the cache's keys and ids, and the hex names of its files. */
public final class Hashes {
    private Hashes() {
    }

    /** Cloned, not looked up: a provider lookup per key cost more than the hashing on a warm run. */
    private static final MessageDigest SHA256;

    static {
        try {
            SHA256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static MessageDigest sha() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException x) {
                throw new IllegalStateException(x);
            }
        }
    }

    public static byte[] sha256(byte[] bytes) {
        return sha().digest(bytes);
    }

    static byte[] digest(byte[] a, byte[] b) {
        MessageDigest md = sha();
        md.update(a);
        md.update(b);
        return md.digest();
    }

    static void update(MessageDigest md, String s) {
        byte[] bytes = (s == null ? "\u0000null" : s).getBytes(StandardCharsets.UTF_8);
        md.update((byte) (bytes.length >>> 24));
        md.update((byte) (bytes.length >>> 16));
        md.update((byte) (bytes.length >>> 8));
        md.update((byte) bytes.length);
        md.update(bytes);
    }

    public static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return b.toString();
    }
}
