package io.scopecloud.report.codec;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Go time values on the wire: RFC3339Nano text (JSON) and {@code time.MarshalBinary} bytes (msgpack).
 *
 * <p>Both are hand-written because a report carries thousands of timestamps and {@link DateTimeFormatter} costs
 * about a microsecond per parse; the formatter remains the fallback for unusual but valid inputs.
 */
final class GoTimes {
    /** Seconds from 0001-01-01T00:00:00Z (Go's internal epoch) to 1970-01-01T00:00:00Z. */
    static final long UNIX_TO_INTERNAL = 62_135_596_800L;

    static final int BINARY_V1_LENGTH = 15;
    static final int BINARY_V2_LENGTH = 16;

    private GoTimes() {}

    // Binary (msgpack).

    /** Go's {@code MarshalBinary} for a UTC time: version 1, seconds since year 1, nanoseconds, offset -1 (UTC). */
    static byte[] marshalBinary(Instant t) {
        byte[] b = new byte[BINARY_V1_LENGTH];
        writeBinary(t, b, 0);
        return b;
    }

    static void writeBinary(Instant t, byte[] b, int at) {
        long sec = t.getEpochSecond() + UNIX_TO_INTERNAL;
        int nsec = t.getNano();
        b[at] = 1;
        for (int i = 0; i < 8; i++) {
            b[at + 1 + i] = (byte) (sec >>> (56 - 8 * i));
        }
        b[at + 9] = (byte) (nsec >>> 24);
        b[at + 10] = (byte) (nsec >>> 16);
        b[at + 11] = (byte) (nsec >>> 8);
        b[at + 12] = (byte) nsec;
        b[at + 13] = (byte) 0xff; // offset -1 minutes: UTC
        b[at + 14] = (byte) 0xff;
    }

    /**
     * Go's {@code UnmarshalBinary}: the zone offset only names the location, the instant is seconds + nanos.
     *
     * @return null if the bytes are not a version 1 (15 bytes) or 2 (16 bytes) encoding
     */
    static Instant unmarshalBinary(byte[] b, int len) {
        if (!((len == BINARY_V1_LENGTH && b[0] == 1) || (len == BINARY_V2_LENGTH && b[0] == 2))) {
            return null;
        }
        long sec = 0;
        for (int i = 1; i <= 8; i++) {
            sec = (sec << 8) | (b[i] & 0xff);
        }
        int nsec = ((b[9] & 0xff) << 24) | ((b[10] & 0xff) << 16) | ((b[11] & 0xff) << 8) | (b[12] & 0xff);
        if (nsec < 0 || nsec > 999_999_999) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(sec - UNIX_TO_INTERNAL, nsec);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    // Text (JSON).

    /** Go's {@code time.RFC3339Nano} layout for a UTC time: trailing zeros of the fraction dropped. */
    static String format(Instant t) {
        char[] buf = new char[40];
        int n = format(t, buf);
        return new String(buf, 0, n);
    }

    /** Writes RFC3339Nano into {@code buf} (at least 40 chars) and returns the length. */
    static int format(Instant t, char[] buf) {
        long sec = t.getEpochSecond();
        long days = Math.floorDiv(sec, 86_400L);
        int secOfDay = (int) Math.floorMod(sec, 86_400L);
        // civil_from_days (H. Hinnant).
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) {
            y++;
        }
        int n = 0;
        if (y < 0 || y > 9999) {
            // Go refuses to marshal these; write something ISO-like rather than fail.
            String s = t.toString();
            s.getChars(0, s.length(), buf, 0);
            return s.length();
        }
        n = digits(buf, n, (int) y, 4);
        buf[n++] = '-';
        n = digits(buf, n, m, 2);
        buf[n++] = '-';
        n = digits(buf, n, d, 2);
        buf[n++] = 'T';
        n = digits(buf, n, secOfDay / 3600, 2);
        buf[n++] = ':';
        n = digits(buf, n, secOfDay / 60 % 60, 2);
        buf[n++] = ':';
        n = digits(buf, n, secOfDay % 60, 2);
        int nano = t.getNano();
        if (nano != 0) {
            buf[n++] = '.';
            int width = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                width--;
            }
            n = digits(buf, n, nano, width);
        }
        buf[n++] = 'Z';
        return n;
    }

    private static int digits(char[] buf, int at, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            buf[at + i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /**
     * Parses RFC 3339 with optional fraction and offset; null if it is not a valid time. {@code b[off..off+len)} is
     * ASCII (a caller with other bytes passes a {@link String} instead).
     */
    static Instant parse(byte[] b, int off, int len) {
        Instant fast = parseFast(b, off, len);
        return fast != null ? fast : parseGeneral(new String(b, off, len, StandardCharsets.ISO_8859_1));
    }

    static Instant parse(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return parseGeneral(s); // not the common shape: the formatter decides
            }
        }
        return parse(s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length());
    }

    private static Instant parseGeneral(String s) {
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * Parses RFC 3339 like {@link #parse(byte[], int, int)}, remembering the last date, hour and minute: the times
     * of one report share them, so most parses only read seconds, fraction and zone.
     */
    static final class Parser {
        private static final int PREFIX = 17; // "2006-01-02T15:04:"
        private final byte[] prefix = new byte[PREFIX];
        private boolean hasPrefix;
        private long prefixSeconds;
        // Recent times: a report's samples and latest entries come from a handful of probe ticks, so most times
        // repeat; returning the same instance saves the parse and memory in the decoded report. Two-way set
        // associative: metrics cycle through the same dozen sample dates, and in a direct-mapped table a single
        // collision among them misses on every metric.
        private static final int SETS = 128;
        private final byte[][] recentText = new byte[2 * SETS][];
        private final Instant[] recent = new Instant[2 * SETS];

        /** As {@link GoTimes#parse(byte[], int, int)}: ASCII bytes. */
        Instant parse(byte[] b, int off, int len) {
            int h = len;
            for (int i = Math.max(off, off + len - 12); i < off + len; i++) {
                h = h * 31 + b[i];
            }
            int slot = ((h * 0x9E3779B9) >>> 25) << 1; // the top 7 bits pick a set of two slots
            if (matches(recentText[slot], b, off, len)) {
                return recent[slot];
            }
            if (matches(recentText[slot + 1], b, off, len)) {
                Instant t = recent[slot + 1];
                remember(slot, recentText[slot + 1], t); // the most recent use goes first
                return t;
            }
            Instant t = parseUncached(b, off, len);
            if (t != null && len <= 64) {
                remember(slot, Arrays.copyOfRange(b, off, off + len), t);
            }
            return t;
        }

        private static boolean matches(byte[] text, byte[] b, int off, int len) {
            return text != null && text.length == len && ByteWords.equal(text, b, off, len);
        }

        /** Puts a time first in its set, moving the other one second (least recently used out). */
        private void remember(int slot, byte[] text, Instant t) {
            if (recentText[slot] != text) {
                recentText[slot + 1] = recentText[slot];
                recent[slot + 1] = recent[slot];
            }
            recentText[slot] = text;
            recent[slot] = t;
        }

        private Instant parseUncached(byte[] b, int off, int len) {
            if (len < 20) {
                return GoTimes.parse(b, off, len);
            }
            if (!hasPrefix || !ByteWords.equal(prefix, b, off, PREFIX)) {
                long base = b[off + 4] == '-'
                                && b[off + 7] == '-'
                                && b[off + 10] == 'T'
                                && b[off + 13] == ':'
                                && b[off + 16] == ':'
                        ? baseSeconds(b, off)
                        : Long.MIN_VALUE;
                if (base == Long.MIN_VALUE) {
                    return GoTimes.parse(b, off, len); // not the common shape: the general path decides
                }
                System.arraycopy(b, off, prefix, 0, PREFIX);
                prefixSeconds = base;
                hasPrefix = true;
            }
            Instant t = finish(b, off, len, prefixSeconds);
            return t != null ? t : GoTimes.parse(b, off, len);
        }
    }

    /** Epoch seconds of "YYYY-MM-DDTHH:MM" (local to the zone that follows), or Long.MIN_VALUE. */
    private static long baseSeconds(byte[] b, int off) {
        int year = num(b, off, 4);
        int month = num(b, off + 5, 2);
        int day = num(b, off + 8, 2);
        int hour = num(b, off + 11, 2);
        int minute = num(b, off + 14, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > daysInMonth(year, month)
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59) {
            return Long.MIN_VALUE;
        }
        return daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L;
    }

    /** Seconds, fraction and zone after a known "YYYY-MM-DDTHH:MM:" prefix; null if malformed. */
    private static Instant finish(byte[] b, int off, int len, long base) {
        int end = off + len;
        int second = num(b, off + 17, 2);
        if (second < 0 || second > 59) {
            return null;
        }
        int i = off + 19;
        int nano = 0;
        if (b[i] == '.') {
            i++;
            int digits = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                if (digits < 9) {
                    nano = nano * 10 + (b[i] - '0');
                }
                digits++;
                i++;
            }
            if (digits == 0) {
                return null;
            }
            for (int k = digits; k < 9; k++) {
                nano *= 10;
            }
        }
        int offsetSeconds;
        if (i == end - 1 && b[i] == 'Z') {
            offsetSeconds = 0;
        } else if (i == end - 6 && (b[i] == '+' || b[i] == '-') && b[i + 3] == ':') {
            int oh = num(b, i + 1, 2);
            int om = num(b, i + 4, 2);
            if (oh < 0 || oh > 23 || om < 0 || om > 59) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (b[i] == '-' ? -1 : 1);
        } else {
            return null;
        }
        return Instant.ofEpochSecond(base + second - offsetSeconds, nano);
    }

    private static Instant parseFast(byte[] b, int off, int len) {
        if (len < 20
                || b[off + 4] != '-'
                || b[off + 7] != '-'
                || b[off + 10] != 'T'
                || b[off + 13] != ':'
                || b[off + 16] != ':') {
            return null;
        }
        long base = baseSeconds(b, off);
        return base == Long.MIN_VALUE ? null : finish(b, off, len, base);
    }

    private static int num(byte[] b, int at, int width) {
        int v = 0;
        for (int i = 0; i < width; i++) {
            int ch = b[at + i];
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> {
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                yield leap ? 29 : 28;
            }
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** days_from_civil (H. Hinnant): days since 1970-01-01. */
    static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
