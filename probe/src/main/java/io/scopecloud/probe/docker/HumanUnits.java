package io.scopecloud.probe.docker;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/**
 * The two humanising functions Scope's Docker reporter shows text from: docker/go-units'
 * {@code HumanDuration} (inside {@code docker_container_state_human}: "Up 3 minutes") and
 * go-humanize's {@code Bytes} (image sizes: "2.1 MB"), ported exactly so the UI reads the same.
 */
final class HumanUnits {
    private static final String[] SI_SIZES = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private HumanUnits() {}

    /** go-units {@code HumanDuration}. */
    static String duration(Duration d) {
        double secondsExact = d.toNanos() / 1e9;
        int seconds = (int) secondsExact;
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        int minutes = (int) (secondsExact / 60);
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 46) {
            return minutes + " minutes";
        }
        double hoursExact = secondsExact / 3600;
        int hours = (int) (hoursExact + 0.5);
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return (hours / 24) + " days";
        } else if (hours < 24 * 30 * 2) {
            return (hours / 24 / 7) + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return (hours / 24 / 30) + " months";
        }
        return ((int) hoursExact / 24 / 365) + " years";
    }

    /** go-humanize {@code Bytes}: SI units, one decimal below 10. */
    static String bytes(long size) {
        if (size < 0) {
            size = 0;
        }
        if (size < 10) {
            return size + " B";
        }
        int e = (int) Math.floor(Math.log((double) size) / Math.log(1000));
        double value = Math.floor(size / Math.pow(1000, e) * 10 + 0.5) / 10;
        // Go's %.0f rounds half to even; value has one decimal, so 12.5 is exact and must give 12
        String number = value < 10
                ? String.format(Locale.ROOT, "%.1f", value)
                : BigDecimal.valueOf(value).setScale(0, RoundingMode.HALF_EVEN).toPlainString();
        return number + " " + SI_SIZES[e];
    }
}
