package io.scopecloud.control;

import io.dropwizard.testing.ConfigOverride;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;

/**
 * Two control instances on one fresh database, as production runs them behind a balancer: a probe may be connected to
 * one while a UI call or a pipe end arrives at the other. Closed in reverse order of starting.
 */
record TwoInstances(ControlTestApp a, ControlTestApp b, Registry registry, Tenancy tenancy) implements AutoCloseable {
    static TwoInstances start(ConfigOverride... overrides) {
        TestDatabase db = TestInfrastructure.shared().newDatabase();
        ControlTestApp a = ControlTestApp.start(db, overrides);
        try {
            ControlTestApp b = ControlTestApp.start(db, overrides);
            return new TwoInstances(a, b, new Registry(db), TestOrg.tenancy(db));
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            b.close();
        } finally {
            a.close();
        }
    }
}
