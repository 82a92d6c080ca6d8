package io.scopecloud.ingest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.WebApplicationException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrgReportsInProgressTest {
    private final OrgReportsInProgress share = new OrgReportsInProgress(2);
    private final UUID acme = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @Test
    void anOrgOverItsShareGets429WithRetryAfterAndOtherOrgsDoNot() {
        share.enter(acme);
        share.enter(acme);

        assertThatThrownBy(() -> share.enter(acme)).isInstanceOfSatisfying(WebApplicationException.class, e -> {
            assertThat(e.getResponse().getStatus()).isEqualTo(429);
            assertThat(e.getResponse().getHeaderString("Retry-After")).isEqualTo("1");
            assertThat(e.getMessage()).contains("ingest.maxReportsInProgressPerOrg");
        });
        share.enter(other);
        assertThat(share.inProgress(acme)).isEqualTo(2);
    }

    @Test
    void aPostThatIsDoneFreesItsPlaceOnceAndTheOrgIsForgottenAtZero() {
        Runnable first = share.enter(acme);
        share.enter(acme);

        first.run();
        first.run();

        assertThat(share.inProgress(acme)).as("leaving twice counts once").isEqualTo(1);
        share.enter(acme);
        assertThat(share.inProgress(acme)).isEqualTo(2);
    }

    @Test
    void refusedPostsTakeNoPlace() {
        Runnable a = share.enter(acme);
        Runnable b = share.enter(acme);
        assertThatThrownBy(() -> share.enter(acme)).isInstanceOf(WebApplicationException.class);

        a.run();
        b.run();

        assertThat(share.inProgress(acme)).isZero();
    }
}
