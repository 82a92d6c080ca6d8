package io.scopecloud.probe.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expected strings are what docker/go-units and go-humanize print. */
class HumanUnitsTest {
    @ParameterizedTest
    @CsvSource({
        "PT0.5S, Less than a second",
        "PT1S, 1 second",
        "PT59S, 59 seconds",
        "PT60S, About a minute",
        "PT119S, About a minute",
        "PT2M, 2 minutes",
        "PT45M59S, 45 minutes",
        "PT46M, About an hour",
        "PT1H29M, About an hour",
        "PT1H30M, 2 hours",
        "PT47H, 47 hours",
        "PT48H, 2 days",
        "PT335H, 13 days",
        "PT336H, 2 weeks",
        "PT1439H, 8 weeks",
        "PT1440H, 2 months",
        "PT17519H, 24 months",
        "PT17520H, 2 years",
    })
    void humanisesDurationsAsDockerDoes(String duration, String expected) {
        assertThat(HumanUnits.duration(Duration.parse(duration))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0 B",
        "9, 9 B",
        "10, 10 B",
        "999, 999 B",
        "1000, 1.0 kB",
        "2131032, 2.1 MB",
        "82854982, 83 MB",
        "12500000, 12 MB",
        "13500000, 14 MB",
        "1000000000000, 1.0 TB",
    })
    void humanisesSizesAsGoHumanizeDoes(long size, String expected) {
        assertThat(HumanUnits.bytes(size)).isEqualTo(expected);
    }
}
