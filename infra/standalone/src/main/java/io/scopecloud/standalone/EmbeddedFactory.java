package io.scopecloud.standalone;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * Which servers the standalone install starts itself. With {@code postgres: false} the configured
 * {@code database.url} is used; with {@code kafka: false}, {@code kafka.bootstrapServers}.
 */
public class EmbeddedFactory {
    /** Everything the install keeps: PostgreSQL's data and Kafka's log, under one directory. */
    @NotNull
    @JsonProperty
    private Path dataDir = Path.of("data");

    @JsonProperty
    private boolean postgres = true;

    @JsonProperty
    private boolean kafka = true;

    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    public boolean isPostgres() {
        return postgres;
    }

    public void setPostgres(boolean postgres) {
        this.postgres = postgres;
    }

    public boolean isKafka() {
        return kafka;
    }

    public void setKafka(boolean kafka) {
        this.kafka = kafka;
    }

    public Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }
}
