package io.scopecloud.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {

    @Test
    void quotesIdentifiers() {
        assertThat(EmbeddedPostgres.quoteIdentifier("scope")).isEqualTo("\"scope\"");
        assertThat(EmbeddedPostgres.quoteIdentifier("we\"ird")).isEqualTo("\"we\"\"ird\"");
    }

    @Test
    void unpacksBinariesBesideTheDataNotAboveIt() {
        Path data = Path.of("/var/lib/scope/postgres");

        assertThat(EmbeddedPostgres.runtimeDir(data)).isEqualTo(Path.of("/var/lib/scope/postgres-runtime"));
    }
}
