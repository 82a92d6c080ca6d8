package io.scopecloud.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDataSize;
import io.scopecloud.ingest.report.OrgNodeRate;
import io.scopecloud.ingest.report.OrgProbes;
import io.scopecloud.ingest.report.OrgQuotas;
import io.scopecloud.ingest.report.OrgReportRate;
import io.scopecloud.ingest.report.OrgReportsInProgress;
import io.scopecloud.report.codec.DecodeLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Limits on what a probe may send, and how this service names itself to probes. */
public class IngestFactory {
    /** The id probes see at {@code GET /api}; must be the same on every ingest instance. */
    @NotEmpty
    @JsonProperty
    private String serviceId = "5c09ec10d0c10d00";

    @NotNull
    @MinDataSize(1)
    @MaxDataSize(value = 256, unit = io.dropwizard.util.DataSizeUnit.MEBIBYTES)
    @JsonProperty
    private DataSize maxBodySize = DataSize.mebibytes(10);

    @NotNull
    @MinDataSize(1)
    @MaxDataSize(value = 1, unit = io.dropwizard.util.DataSizeUnit.GIBIBYTES)
    @JsonProperty
    private DataSize maxDecompressedSize = DataSize.mebibytes(100);

    @Min(8)
    @Max(1000)
    @JsonProperty
    private int maxDepth = 64;

    @Min(1)
    @JsonProperty
    private int maxNodes = 200_000;

    /** Map entries plus array elements in one report: latest entries, set members, adjacency IDs, samples... */
    @Min(1)
    @JsonProperty
    private long maxEntries = DecodeLimits.DEFAULT_MAX_ENTRIES;

    @NotNull
    @MinDataSize(16)
    @JsonProperty
    private DataSize maxStringLength = DataSize.mebibytes(1);

    /**
     * Reports one org may send per minute (a Scope probe sends 20): over it, 429. The default allows about 600
     * probes per org.
     */
    @Min(1)
    @JsonProperty
    private long maxReportsPerOrgPerMinute = 12_000;

    /** Probes one org may have reporting at once (heard from within {@code probeActiveFor}): over it, 429. */
    @Min(1)
    @JsonProperty
    private int maxProbesPerOrg = 1_000;

    /** How long a probe counts towards {@code maxProbesPerOrg} after its last report. */
    @NotNull
    @JsonProperty
    private Duration probeActiveFor = Duration.minutes(1);

    /**
     * Nodes (over all topologies) one org's reports may carry per minute: over it, 429. The default is 150,000 nodes
     * every 3 s, for example 300 busy hosts of 500 nodes each.
     */
    @Min(1)
    @JsonProperty
    private long maxNodesPerOrgPerMinute = 3_000_000;

    /**
     * Report posts worked on at once (decoding, or waiting for Kafka); more wait, without a thread, for
     * {@code reportAdmissionWait} and are then answered 503 with Retry-After.
     */
    @Min(1)
    @JsonProperty
    private int maxReportsInProgress = 64;

    /**
     * Of {@code maxReportsInProgress}, how many one org's posts may hold (from its token's check to the answer): over
     * it, 429 at once. So one org never takes every place.
     */
    @Min(1)
    @JsonProperty
    private int maxReportsInProgressPerOrg = 32;

    /** How long a report post waits for room among {@code maxReportsInProgress} before its 503. */
    @NotNull
    @JsonProperty
    private Duration reportAdmissionWait = Duration.seconds(3);

    /** How often a probe's "last seen" is written to PostgreSQL at most. */
    @NotNull
    @JsonProperty
    private Duration probeSeenInterval = Duration.seconds(30);

    /** How long a probe's sighting waits to be written with the others of that time, in one transaction. */
    @NotNull
    @MaxDuration(value = 1, unit = TimeUnit.MINUTES)
    @JsonProperty
    private Duration probeSeenFlushDelay = Duration.seconds(1);

    public DecodeLimits decodeLimits() {
        return new DecodeLimits(
                maxBodySize.toBytes(),
                maxDecompressedSize.toBytes(),
                maxDepth,
                (int) Math.min(Integer.MAX_VALUE, maxStringLength.toBytes()),
                maxNodes,
                maxEntries);
    }

    public long getMaxReportsPerOrgPerMinute() {
        return maxReportsPerOrgPerMinute;
    }

    public void setMaxReportsPerOrgPerMinute(long maxReportsPerOrgPerMinute) {
        this.maxReportsPerOrgPerMinute = maxReportsPerOrgPerMinute;
    }

    public int getMaxProbesPerOrg() {
        return maxProbesPerOrg;
    }

    public void setMaxProbesPerOrg(int maxProbesPerOrg) {
        this.maxProbesPerOrg = maxProbesPerOrg;
    }

    public Duration getProbeActiveFor() {
        return probeActiveFor;
    }

    public void setProbeActiveFor(Duration probeActiveFor) {
        this.probeActiveFor = probeActiveFor;
    }

    public long getMaxNodesPerOrgPerMinute() {
        return maxNodesPerOrgPerMinute;
    }

    public void setMaxNodesPerOrgPerMinute(long maxNodesPerOrgPerMinute) {
        this.maxNodesPerOrgPerMinute = maxNodesPerOrgPerMinute;
    }

    /** The per-org quotas these settings describe. */
    public OrgQuotas orgQuotas(LongSupplier nanoTime) {
        return new OrgQuotas(
                new OrgReportRate(maxReportsPerOrgPerMinute, nanoTime),
                new OrgProbes(maxProbesPerOrg, probeActiveFor.toJavaDuration(), nanoTime),
                new OrgNodeRate(maxNodesPerOrgPerMinute, nanoTime),
                new OrgReportsInProgress(maxReportsInProgressPerOrg));
    }

    public String getServiceId() {
        return serviceId;
    }

    public void setServiceId(String serviceId) {
        this.serviceId = serviceId;
    }

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public DataSize getMaxDecompressedSize() {
        return maxDecompressedSize;
    }

    public void setMaxDecompressedSize(DataSize maxDecompressedSize) {
        this.maxDecompressedSize = maxDecompressedSize;
    }

    public int getMaxDepth() {
        return maxDepth;
    }

    public void setMaxDepth(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    public int getMaxNodes() {
        return maxNodes;
    }

    public void setMaxNodes(int maxNodes) {
        this.maxNodes = maxNodes;
    }

    public long getMaxEntries() {
        return maxEntries;
    }

    public void setMaxEntries(long maxEntries) {
        this.maxEntries = maxEntries;
    }

    public DataSize getMaxStringLength() {
        return maxStringLength;
    }

    public void setMaxStringLength(DataSize maxStringLength) {
        this.maxStringLength = maxStringLength;
    }

    public Duration getProbeSeenInterval() {
        return probeSeenInterval;
    }

    public void setProbeSeenInterval(Duration probeSeenInterval) {
        this.probeSeenInterval = probeSeenInterval;
    }

    public Duration getProbeSeenFlushDelay() {
        return probeSeenFlushDelay;
    }

    public void setProbeSeenFlushDelay(Duration probeSeenFlushDelay) {
        this.probeSeenFlushDelay = probeSeenFlushDelay;
    }

    public int getMaxReportsInProgress() {
        return maxReportsInProgress;
    }

    public void setMaxReportsInProgress(int maxReportsInProgress) {
        this.maxReportsInProgress = maxReportsInProgress;
    }

    public Duration getReportAdmissionWait() {
        return reportAdmissionWait;
    }

    public void setReportAdmissionWait(Duration reportAdmissionWait) {
        this.reportAdmissionWait = reportAdmissionWait;
    }

    public int getMaxReportsInProgressPerOrg() {
        return maxReportsInProgressPerOrg;
    }

    public void setMaxReportsInProgressPerOrg(int maxReportsInProgressPerOrg) {
        this.maxReportsInProgressPerOrg = maxReportsInProgressPerOrg;
    }
}
