package io.scopecloud.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import io.scopecloud.query.balance.LoadPlacement;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * How query instances share the report topic's partitions (docs/adr/0026): by what each partition
 * weighs, a big tenant's partition on an instance of its own; or, when off, by count only
 * (Kafka's cooperative sticky assignor).
 */
public class PlacementFactory {
    @JsonProperty
    private boolean byLoad = true;

    /**
     * How often an instance compares the weights it measures with those it last sent the group;
     * when they moved by a quarter, the group places its partitions again.
     */
    @NotNull
    @MinDuration(value = 5, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.DAYS)
    @JsonProperty
    private Duration interval = Duration.minutes(1);

    /** How long a partition's weight takes to follow its rate: a tenant quiet for less keeps its place. */
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 7, unit = TimeUnit.DAYS)
    @JsonProperty
    private Duration timeConstant = Duration.minutes(30);

    /** Report bytes a second, over all partitions, below which weights are ignored. */
    @NotNull
    @JsonProperty
    private DataSize minLoadPerSecond = DataSize.kibibytes(256);

    public boolean isByLoad() {
        return byLoad;
    }

    public void setByLoad(boolean byLoad) {
        this.byLoad = byLoad;
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public Duration getTimeConstant() {
        return timeConstant;
    }

    public void setTimeConstant(Duration timeConstant) {
        this.timeConstant = timeConstant;
    }

    public DataSize getMinLoadPerSecond() {
        return minLoadPerSecond;
    }

    public void setMinLoadPerSecond(DataSize minLoadPerSecond) {
        this.minLoadPerSecond = minLoadPerSecond;
    }

    /** This instance's part in placing by weight. */
    LoadPlacement build() {
        return new LoadPlacement(interval.toJavaDuration(), timeConstant.toJavaDuration(), minLoadPerSecond.toBytes());
    }
}
