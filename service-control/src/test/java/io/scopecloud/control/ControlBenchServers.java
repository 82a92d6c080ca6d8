package io.scopecloud.control;

import io.dropwizard.testing.ConfigOverride;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.access.Role;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: starts two control instances on one embedded PostgreSQL, with an org, a probe token
 * and a member's session, and writes them to a properties file for bench's
 * {@code io.scopecloud.bench.control.ControlRoundTrip}. Runs until killed.
 */
public final class ControlBenchServers {
    private ControlBenchServers() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench.properties");
        TestDatabase db = TestInfrastructure.shared().newDatabase();
        ConfigOverride quiet = ConfigOverride.config("logging.level", "WARN");
        ConfigOverride timeout = ConfigOverride.config("control.callTimeout", "10s");
        // Production timings, not the integration tests' quick ones.
        ConfigOverride heartbeat = ConfigOverride.config("control.heartbeatInterval", "10s");
        ConfigOverride expiry = ConfigOverride.config("control.instanceExpiry", "30s");
        ControlTestApp a = ControlTestApp.start(db, quiet, timeout, heartbeat, expiry);
        ControlTestApp b = ControlTestApp.start(db, quiet, timeout, heartbeat, expiry);
        Tenancy tenancy = TestOrg.tenancy(db);
        TestOrg org = TestOrg.create(tenancy, "Bench");
        Files.writeString(
                out,
                "urls=" + a.base() + "," + b.base() + "\n" + "org=" + org.externalId() + "\n" + "token=" + org.token()
                        + "\n" + "cookie=" + org.as(Role.MEMBER).cookieValue() + "\n" + "csrf="
                        + org.as(Role.MEMBER).csrfToken() + "\n");
        System.out.println("Two control instances ready; wrote " + out.toAbsolutePath());
        Thread.currentThread().join();
    }
}
