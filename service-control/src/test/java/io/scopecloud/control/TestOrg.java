package io.scopecloud.control;

import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.access.Role;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.tenancy.session.Sessions;
import io.scopecloud.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** An org with a probe token and one signed-in person per role, as tests need them. */
record TestOrg(Org org, String token, Map<Role, Sessions.NewSession> people) {
    static Tenancy tenancy(TestDatabase db) {
        return new Tenancy(Jdbi.create(db.jdbcUrl(), db.user(), db.password()), Clock.systemUTC(), Duration.ZERO);
    }

    static TestOrg create(Tenancy tenancy, String name) {
        Org org = tenancy.orgs().create(name);
        String token = tenancy.probeTokens().issue(org.id(), "probe", null).secret();
        Map<Role, Sessions.NewSession> people = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            UUID user = UUID.randomUUID(); // inserted directly: hashing a password per person is slow
            tenancy.jdbi()
                    .useHandle(h -> h.execute(
                            "INSERT INTO users (id, email) VALUES (?, ?)",
                            user,
                            role.id() + "-" + user + "@example.com"));
            tenancy.members().add(org.id(), user, role);
            people.put(role, tenancy.sessions().start(user));
        }
        return new TestOrg(org, token, people);
    }

    UUID id() {
        return org.id();
    }

    String externalId() {
        return org.externalId();
    }

    Sessions.NewSession as(Role role) {
        return people.get(role);
    }
}
