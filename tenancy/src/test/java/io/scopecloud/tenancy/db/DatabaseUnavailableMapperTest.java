package io.scopecloud.tenancy.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

/** Which database failures mean "try again shortly" (503) and which are bugs (500). */
class DatabaseUnavailableMapperTest {
    private final DatabaseUnavailableMapper mapper = new DatabaseUnavailableMapper(Duration.ofSeconds(5));

    @Test
    void timeoutsCancelsAndLostConnectionsAre503WithRetryAfter() {
        for (String state : new String[] {"57014", "08006", "08001", "57P01", "53300", "40P01"}) {
            var e = new UnableToExecuteStatementException(new SQLException("stalled", state), null);
            var response = mapper.toResponse(e);
            assertThat(response.getStatus()).as(state).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).as(state).isEqualTo("5");
        }
        assertThat(mapper.toResponse(new ConnectionException(new SQLException("Timeout: Pool empty")))
                        .getStatus())
                .isEqualTo(503);
    }

    @Test
    void otherDatabaseErrorsStayA500() {
        var e = new UnableToExecuteStatementException(new SQLException("syntax error", "42601"), null);
        assertThat(mapper.toResponse(e).getStatus()).isEqualTo(500);
    }
}
