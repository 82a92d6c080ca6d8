package io.scopecloud.tenancy.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Probe token secrets: 160 random bits written as {@code scp_} plus 32 z-base-32 characters
 * (the alphabet Weave Cloud used, easy to read aloud). Only a SHA-256 of the whole token is
 * stored: with this much entropy a slow password hash adds nothing, and an indexed hash lets a
 * token be checked with one lookup (see docs/adr/0003-probe-tokens.md).
 */
public final class TokenSecrets {
    static final String SCHEME_PREFIX = "scp_";
    static final int DISPLAY_PREFIX_LENGTH = SCHEME_PREFIX.length() + 8;
    private static final char[] ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {}

    /** A new token: {@code scp_} and 32 characters. */
    public static String generate() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return SCHEME_PREFIX + zbase32(bytes);
    }

    /** The part of a token that may be shown again after creation. */
    public static String displayPrefix(String token) {
        return token.substring(0, Math.min(DISPLAY_PREFIX_LENGTH, token.length()));
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String zbase32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
