package io.scopecloud.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The control service's settings (section {@code control}). */
public class ControlFactory {
    /**
     * The URL other control instances reach this one at, e.g. {@code http://10.0.0.5:8080}. When
     * unset, {@code http://127.0.0.1:<port>}: right for a single machine only.
     */
    @JsonProperty
    private @Nullable URI advertisedUrl;

    /**
     * Shared by every control instance, to call each other's {@code /internal} endpoints. When
     * unset, a random one: this instance then cannot route to or from others.
     */
    @JsonProperty
    private @Nullable String internalSecret;

    /** How long a UI control call waits for the probe before answering 504. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration callTimeout = Duration.seconds(10);

    /** How often probes (and pipe ends) are pinged. Scope: 33.3 s. */
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration pingInterval = Duration.milliseconds(33_333);

    /** A probe not heard from (pong or frame) for this long is dropped. Scope: 60 s. */
    @NotNull
    @MinDuration(value = 20, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration pongTimeout = Duration.seconds(60);

    /** How often this instance refreshes its row in the registry. */
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration heartbeatInterval = Duration.seconds(10);

    /** An instance whose heartbeat is older than this is dead, and its probes unreachable. */
    @NotNull
    @MinDuration(value = 20, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration instanceExpiry = Duration.seconds(30);

    /** How often pipes are collected. Scope: 30 s. */
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration pipeGcInterval = Duration.seconds(30);

    /** A pipe closes when either end has had no connection for this long. Scope: 1 min. */
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration pipeIdleTimeout = Duration.minutes(1);

    /** A closed pipe is remembered (checks answer 404) this long. Scope: 10 min. */
    @NotNull
    @JsonProperty
    private Duration pipeTombstone = Duration.minutes(10);

    /**
     * A probe id's claim by its token (docs/adr/0013) is forgotten once the probe has not been connected for this
     * long: Scope probes take a new id at every start.
     */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    @JsonProperty
    private Duration probeClaimRetention = Duration.days(7);

    /** Connect timeout for calls between instances. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration forwardConnectTimeout = Duration.seconds(2);

    /** The largest control argument body the UI may send. */
    @NotNull
    @MinDataSize(16)
    @MaxDataSize(value = 16, unit = io.dropwizard.util.DataSizeUnit.MEBIBYTES)
    @JsonProperty
    private DataSize maxArgsSize = DataSize.kibibytes(64);

    /** The largest message a probe may send on its control connection, or either end on a pipe. */
    @NotNull
    @MinDataSize(value = 1, unit = io.dropwizard.util.DataSizeUnit.KIBIBYTES)
    @MaxDataSize(value = 256, unit = io.dropwizard.util.DataSizeUnit.MEBIBYTES)
    @JsonProperty
    private DataSize maxMessageSize = DataSize.mebibytes(16);

    @ValidationMethod(message = "control.pongTimeout must be longer than control.pingInterval")
    public boolean isPongTimeoutAfterPing() {
        return pongTimeout.toMilliseconds() > pingInterval.toMilliseconds();
    }

    public @Nullable URI getAdvertisedUrl() {
        // An empty value (an unset environment variable in the YAML) means unset.
        return advertisedUrl == null || advertisedUrl.toString().isBlank() ? null : advertisedUrl;
    }

    public void setAdvertisedUrl(@Nullable URI advertisedUrl) {
        this.advertisedUrl = advertisedUrl;
    }

    public @Nullable String getInternalSecret() {
        return internalSecret;
    }

    public void setInternalSecret(@Nullable String internalSecret) {
        this.internalSecret = internalSecret;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    public Duration getPingInterval() {
        return pingInterval;
    }

    public void setPingInterval(Duration pingInterval) {
        this.pingInterval = pingInterval;
    }

    public Duration getPongTimeout() {
        return pongTimeout;
    }

    public void setPongTimeout(Duration pongTimeout) {
        this.pongTimeout = pongTimeout;
    }

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getInstanceExpiry() {
        return instanceExpiry;
    }

    public void setInstanceExpiry(Duration instanceExpiry) {
        this.instanceExpiry = instanceExpiry;
    }

    public Duration getPipeGcInterval() {
        return pipeGcInterval;
    }

    public void setPipeGcInterval(Duration pipeGcInterval) {
        this.pipeGcInterval = pipeGcInterval;
    }

    public Duration getPipeIdleTimeout() {
        return pipeIdleTimeout;
    }

    public void setPipeIdleTimeout(Duration pipeIdleTimeout) {
        this.pipeIdleTimeout = pipeIdleTimeout;
    }

    public Duration getProbeClaimRetention() {
        return probeClaimRetention;
    }

    public void setProbeClaimRetention(Duration probeClaimRetention) {
        this.probeClaimRetention = probeClaimRetention;
    }

    public Duration getPipeTombstone() {
        return pipeTombstone;
    }

    public void setPipeTombstone(Duration pipeTombstone) {
        this.pipeTombstone = pipeTombstone;
    }

    public Duration getForwardConnectTimeout() {
        return forwardConnectTimeout;
    }

    public void setForwardConnectTimeout(Duration forwardConnectTimeout) {
        this.forwardConnectTimeout = forwardConnectTimeout;
    }

    public DataSize getMaxArgsSize() {
        return maxArgsSize;
    }

    public void setMaxArgsSize(DataSize maxArgsSize) {
        this.maxArgsSize = maxArgsSize;
    }

    public DataSize getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(DataSize maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }
}
