package io.scopecloud.ingest.report;

import static java.util.Objects.requireNonNull;

import io.scopecloud.common.kafka.ReportRecord;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.CompactReportCodec;
import io.scopecloud.report.codec.DecodeLimits;
import io.scopecloud.report.codec.ReportDecodeException;
import io.scopecloud.report.codec.ReportDecoder;
import io.scopecloud.report.codec.WireFormat;
import io.scopecloud.tenancy.token.Credentials;
import io.scopecloud.tenancy.token.ProbePrincipal;
import io.scopecloud.tenancy.token.ProbeTokens;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/report}, as Weave Scope probes call it: authenticate the token, bound and decode
 * the body, and answer 200 only once Kafka holds the report. Bad input gets a 4xx that says what
 * was wrong and changes nothing.
 */
@Path("/api/report")
public final class ReportResource {
    static final String CHALLENGE = "Scope-Probe realm=\"scope-cloud\"";
    private static final Pattern PROBE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int MAX_VERSION = 128;

    private final ProbeTokens tokens;
    private final ReportSink sink;
    private final ProbeSightings sightings;
    private final DecodeLimits limits;
    private final OrgQuotas quotas;
    private final Clock clock;
    private final SinkFailures failures;

    public ReportResource(
            ProbeTokens tokens,
            ReportSink sink,
            ProbeSightings sightings,
            DecodeLimits limits,
            OrgQuotas quotas,
            Clock clock) {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.sightings = requireNonNull(sightings, "sightings is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.failures = new SinkFailures(clock);
    }

    @POST
    public void post(
            @HeaderParam(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) @Nullable String contentEncoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) @Nullable Long contentLength,
            @HeaderParam("X-Scope-Probe-ID") @Nullable String probeIdHeader,
            @HeaderParam("X-Scope-Probe-Version") @Nullable String probeVersion,
            InputStream body,
            @Suspended AsyncResponse response) {
        ProbePrincipal probe = authenticate(authorization);
        Runnable done = quotas.enter(probe.orgId());
        try {
            quotas.beforeBody(probe.orgId());
            WireFormat format = WireFormat.fromContentType(contentType)
                    .orElseThrow(() -> new BadRequestException("Unsupported Content-Type: " + contentType
                            + " (send application/msgpack or application/json)"));
            if (contentLength != null && contentLength > limits.maxCompressedBytes()) {
                throw new WebApplicationException(
                        "report body of " + contentLength + " bytes is over the limit of "
                                + limits.maxCompressedBytes(),
                        Response.Status.REQUEST_ENTITY_TOO_LARGE);
            }
            boolean gzipped = isGzip(contentEncoding);
            String version = probeVersion == null ? "unknown" : truncate(probeVersion);
            Report report = decode(body, format, gzipped);
            String probeId = probeId(probeIdHeader, report);
            quotas.afterDecode(probe.orgId(), probeId, report.nodeCount());

            ReportRecord record = new ReportRecord(
                    probe.orgId(),
                    probeId,
                    version,
                    clock.instant(),
                    report.shortcut(),
                    CompactReportCodec.encode(report));
            sink.send(record).whenComplete((ok, error) -> {
                done.run();
                if (error == null) {
                    sightings.seen(probe.orgId(), probeId, ReportFacts.hostname(report), version);
                    response.resume(Response.ok().build());
                } else {
                    response.resume(failures.toResponse(error));
                }
            });
        } catch (RuntimeException e) {
            done.run();
            throw e;
        }
    }

    private ProbePrincipal authenticate(@Nullable String authorization) {
        String secret = Credentials.tokenFrom(authorization)
                .orElseThrow(() -> new NotAuthorizedException(
                        "missing probe token: send 'Authorization: Scope-Probe token=<token>'", CHALLENGE));
        return tokens.authenticate(secret)
                .orElseThrow(() -> new NotAuthorizedException(
                        "probe token not recognised: it was mistyped or revoked; create a token for your"
                                + " organisation and restart the probe with --service-token=<token>",
                        CHALLENGE));
    }

    private Report decode(InputStream body, WireFormat format, boolean gzipped) {
        try {
            return ReportDecoder.decodePosted(body, format, gzipped, limits);
        } catch (ReportDecodeException e) {
            Response.Status status =
                    e.problem().tooLarge() ? Response.Status.REQUEST_ENTITY_TOO_LARGE : Response.Status.BAD_REQUEST;
            throw new WebApplicationException("invalid report: " + e.getMessage(), status);
        }
    }

    private static String probeId(@Nullable String header, Report report) {
        if (header == null || header.isBlank()) {
            return ReportFacts.controlProbeId(report).orElse("unidentified");
        }
        String id = header.strip();
        if (!PROBE_ID.matcher(id).matches()) {
            throw new BadRequestException("X-Scope-Probe-ID must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        return id;
    }

    /** gzip or none: any other encoding (br, deflate, gzip applied twice...) is refused, never read as plain. */
    private static boolean isGzip(@Nullable String contentEncoding) {
        String encoding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "", "identity" -> false;
            case "gzip", "x-gzip" -> true;
            default ->
                throw new WebApplicationException(
                        "Unsupported Content-Encoding: " + contentEncoding + " (send gzip or no Content-Encoding)",
                        Response.Status.UNSUPPORTED_MEDIA_TYPE);
        };
    }

    private static String truncate(String s) {
        String t = s.strip();
        return t.length() > MAX_VERSION ? t.substring(0, MAX_VERSION) : t;
    }
}
