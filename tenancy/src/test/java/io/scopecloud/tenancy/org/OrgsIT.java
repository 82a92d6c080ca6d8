package io.scopecloud.tenancy.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.TenancyDatabase;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrgsIT {
    private static Tenancy tenancy;

    @BeforeAll
    static void setUp() {
        tenancy = TenancyDatabase.fresh(Duration.ZERO);
    }

    @Test
    void createsOrgsWithDistinctReadableExternalIds() {
        Org a = tenancy.orgs().create("Acme Production");
        Org b = tenancy.orgs().create("Acme Production");

        assertThat(a.externalId()).matches("acme-production-\\d{4}");
        assertThat(b.externalId()).isNotEqualTo(a.externalId());
        assertThat(tenancy.orgs().findByExternalId(a.externalId().toUpperCase(Locale.ROOT)))
                .contains(a);
    }

    @Test
    void rejectsBlankAndOverlongNames() {
        assertThatThrownBy(() -> tenancy.orgs().create("  "))
                .isInstanceOf(io.scopecloud.tenancy.TenancyException.class);
        assertThatThrownBy(() -> tenancy.orgs().create("x".repeat(101)))
                .isInstanceOf(io.scopecloud.tenancy.TenancyException.class);
    }

    /** A NUL reached PostgreSQL, which refused it with an error the portal answered as a 500. */
    @Test
    void rejectsControlCharactersInNames() {
        Org org = tenancy.orgs().create("Acme");
        for (String name : new String[] {"Acme\u0000Evil", "Acme\u0007", "Ac\nme"}) {
            assertThatThrownBy(() -> tenancy.orgs().create(name))
                    .isInstanceOf(io.scopecloud.tenancy.TenancyException.class)
                    .hasMessageContaining("control characters");
            assertThatThrownBy(() -> tenancy.orgs().rename(org.id(), name))
                    .isInstanceOf(io.scopecloud.tenancy.TenancyException.class)
                    .hasMessageContaining("control characters");
        }
    }
}
