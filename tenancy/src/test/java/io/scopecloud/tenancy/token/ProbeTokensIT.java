package io.scopecloud.tenancy.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.TenancyDatabase;
import io.scopecloud.tenancy.org.Org;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProbeTokensIT {
    private static Tenancy tenancy;
    private static Org acme;
    private static Org other;

    @BeforeAll
    static void setUp() {
        tenancy = TenancyDatabase.fresh(Duration.ZERO);
        acme = tenancy.orgs().create("Acme");
        other = tenancy.orgs().create("Other");
    }

    @Test
    void authenticatesAnIssuedTokenForItsOrgOnly() {
        IssuedToken issued = tenancy.probeTokens().issue(acme.id(), "laptop", null);

        assertThat(issued.secret()).startsWith("scp_").hasSize(36);
        assertThat(tenancy.probeTokens().authenticate(issued.secret()))
                .hasValueSatisfying(p -> assertThat(p.orgId()).isEqualTo(acme.id()));
    }

    @Test
    void storesOnlyAHashAndAPrefix() {
        IssuedToken issued = tenancy.probeTokens().issue(acme.id(), "ci", null);

        ProbeToken listed = tenancy.probeTokens().list(acme.id()).stream()
                .filter(t -> t.id().equals(issued.token().id()))
                .findFirst()
                .orElseThrow();
        assertThat(listed.prefix()).isEqualTo(issued.secret().substring(0, 12));
        assertThat(listed.toString()).doesNotContain(issued.secret());
    }

    @Test
    void rejectsRevokedAndUnknownTokens() {
        IssuedToken issued = tenancy.probeTokens().issue(acme.id(), "old", null);
        assertThat(tenancy.probeTokens().revoke(acme.id(), issued.token().id())).isTrue();

        assertThat(tenancy.probeTokens().authenticate(issued.secret())).isEmpty();
        assertThat(tenancy.probeTokens().authenticate("scp_unknown")).isEmpty();
    }

    @Test
    void cannotRevokeAnotherOrgsToken() {
        IssuedToken issued = tenancy.probeTokens().issue(acme.id(), "mine", null);

        assertThat(tenancy.probeTokens().revoke(other.id(), issued.token().id()))
                .isFalse();
        assertThat(tenancy.probeTokens().authenticate(issued.secret())).isPresent();
        assertThat(tenancy.probeTokens().list(other.id())).isEmpty();
    }

    @Test
    void recordsLastUse() {
        IssuedToken issued = tenancy.probeTokens().issue(acme.id(), "used", null);
        tenancy.probeTokens().authenticate(issued.secret());

        assertThat(tenancy.probeTokens().list(acme.id()).stream()
                        .filter(t -> t.id().equals(issued.token().id()))
                        .findFirst()
                        .orElseThrow()
                        .lastUsedAt())
                .isNotNull();
    }
}
