package io.scopecloud.standalone;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.scopecloud.common.kafka.KafkaFactory;
import io.scopecloud.control.ControlFactory;
import io.scopecloud.control.ControlSettings;
import io.scopecloud.ingest.IngestFactory;
import io.scopecloud.ingest.IngestSettings;
import io.scopecloud.query.QueryFactory;
import io.scopecloud.query.QuerySettings;
import io.scopecloud.tenancy.TenancyConfiguration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** One file for the whole single-node install: every service's section plus the embedded servers. */
public class StandaloneConfiguration extends TenancyConfiguration
        implements IngestSettings, QuerySettings, ControlSettings {
    @Valid
    @NotNull
    @JsonProperty
    private EmbeddedFactory embedded = new EmbeddedFactory();

    @Valid
    @NotNull
    @JsonProperty
    private KafkaFactory kafka = new KafkaFactory();

    @Valid
    @NotNull
    @JsonProperty
    private IngestFactory ingest = new IngestFactory();

    @Valid
    @NotNull
    @JsonProperty
    private QueryFactory query = new QueryFactory();

    @Valid
    @NotNull
    @JsonProperty
    private ControlFactory control = new ControlFactory();

    @Valid
    @NotNull
    @JsonProperty
    private LocalProbeFactory localProbe = new LocalProbeFactory();

    static final int IDLE_CONNECTIONS = 2;

    public StandaloneConfiguration() {
        setDatabase(defaultDatabase());
    }

    private static DataSourceFactory defaultDatabase() {
        DataSourceFactory db = new DataSourceFactory();
        db.setDriverClass("org.postgresql.Driver");
        // Filled in by EmbeddedServersBundle when the embedded server runs.
        db.setUrl("jdbc:postgresql://localhost:5432/scope");
        db.setUser("postgres");
        // Dropwizard keeps 10 connections open from the start; each is a PostgreSQL process of ~2 MiB.
        // One install's requests rarely need more than two at once, and the pool still grows on demand.
        db.setInitialSize(IDLE_CONNECTIONS);
        db.setMinSize(IDLE_CONNECTIONS);
        return db;
    }

    public EmbeddedFactory getEmbedded() {
        return embedded;
    }

    @Override
    public KafkaFactory getKafka() {
        return kafka;
    }

    @Override
    public IngestFactory getIngest() {
        return ingest;
    }

    @Override
    public QueryFactory getQuery() {
        return query;
    }

    @Override
    public ControlFactory getControl() {
        return control;
    }

    public LocalProbeFactory getLocalProbe() {
        return localProbe;
    }
}
