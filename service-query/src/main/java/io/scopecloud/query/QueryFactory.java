package io.scopecloud.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** How much history the query service keeps per org, how fresh views are, and how instances find each other. */
public class QueryFactory {
    /** Reports older than this drop out of an org's view; Scope's default is 15 s. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.HOURS)
    @JsonProperty
    private Duration window = Duration.seconds(15);

    /**
     * An org's merged view is rebuilt at most this often however many probes report (a shortcut
     * report forces it): bounds merge work for busy orgs; views are at most this much behind.
     */
    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 10, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration mergeInterval = Duration.milliseconds(250);

    /** A topology websocket pushes a change at most this often (besides its {@code t} ticks). */
    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.MINUTES)
    @JsonProperty
    private Duration minPushInterval = Duration.milliseconds(250);

    /**
     * How long a request for an org waits while the consumer group moves it between instances
     * (until one holds its whole window) before it is answered from what this instance has.
     */
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.MINUTES)
    @JsonProperty
    private Duration handOverWait = Duration.seconds(5);

    @NotEmpty
    @JsonProperty
    private String consumerGroup = "scope-query";

    /** How the instances share the report topic's partitions: by weight, or by count. */
    @Valid
    @NotNull
    @JsonProperty
    private PlacementFactory placement = new PlacementFactory();

    /**
     * Once the server listens, run the read paths (decode, merge, every view, details, JSON, gzip) on a shipped probe
     * report on a background thread, for up to this much CPU time, so that users' first requests do not meet a cold
     * JIT; 0 turns it off (docs/adr/0019).
     */
    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.MINUTES)
    @JsonProperty
    private Duration warmUp = Duration.seconds(4);

    /**
     * The URL other query instances use to reach this one (requests for orgs it owns are sent
     * here). Unset: {@code http://<advertisedHost>:<the port the server listens on>}.
     */
    @JsonProperty
    private @Nullable URI advertisedUrl;

    /** The host part of the derived advertised URL; unset: this machine's hostname. */
    @JsonProperty
    private @Nullable String advertisedHost;

    public Duration getWindow() {
        return window;
    }

    public void setWindow(Duration window) {
        this.window = window;
    }

    public Duration getMergeInterval() {
        return mergeInterval;
    }

    public void setMergeInterval(Duration mergeInterval) {
        this.mergeInterval = mergeInterval;
    }

    public Duration getMinPushInterval() {
        return minPushInterval;
    }

    public void setMinPushInterval(Duration minPushInterval) {
        this.minPushInterval = minPushInterval;
    }

    public Duration getHandOverWait() {
        return handOverWait;
    }

    public void setHandOverWait(Duration handOverWait) {
        this.handOverWait = handOverWait;
    }

    public PlacementFactory getPlacement() {
        return placement;
    }

    public void setPlacement(PlacementFactory placement) {
        this.placement = placement;
    }

    public Duration getWarmUp() {
        return warmUp;
    }

    public void setWarmUp(Duration warmUp) {
        this.warmUp = warmUp;
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public @Nullable URI getAdvertisedUrl() {
        // An empty value (an unset environment variable in the YAML) means unset.
        return advertisedUrl == null || advertisedUrl.toString().isBlank() ? null : advertisedUrl;
    }

    public void setAdvertisedUrl(@Nullable URI advertisedUrl) {
        this.advertisedUrl = advertisedUrl;
    }

    public @Nullable String getAdvertisedHost() {
        return advertisedHost;
    }

    public void setAdvertisedHost(@Nullable String advertisedHost) {
        this.advertisedHost = advertisedHost;
    }
}
