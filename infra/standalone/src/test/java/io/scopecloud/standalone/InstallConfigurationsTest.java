package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.JarLocation;
import io.scopecloud.control.ControlApplication;
import io.scopecloud.ingest.IngestApplication;
import io.scopecloud.query.QueryApplication;
import io.scopecloud.tenancy.TenancyConfiguration;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The configuration files people run (infra/standalone/config/standalone.yml and
 * infra/hosted/*.yml) pass each application's {@code check} command as they are, with no
 * environment set: every default is valid and every key known to the service that reads it.
 */
class InstallConfigurationsTest {
    private static final Path INFRA = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theStandaloneFileIsValid() {
        // check configures logging from the file: its log file goes under target/, not ./data
        Path logs = Path.of("target", "check-logs").toAbsolutePath();
        Map<String, String> properties = Map.of(
                "dw.logging.appenders[1].currentLogFilename",
                logs.resolve("scope-cloud.log").toString(),
                "dw.logging.appenders[1].archivedLogFilenamePattern",
                logs.resolve("scope-cloud-%d.log.gz").toString());
        properties.forEach(System::setProperty);
        try {
            assertThat(check(new StandaloneApplication(), "standalone/config/standalone.yml"))
                    .isEmpty();
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void eachHostedFileIsValidForItsService() {
        assertThat(check(new IngestApplication(), "hosted/ingest.yml")).isEmpty();
        assertThat(check(new QueryApplication(), "hosted/query.yml")).isEmpty();
        assertThat(check(new ControlApplication(), "hosted/control.yml")).isEmpty();
    }

    /**
     * Jetty's own check counts the service's pauses between two reads and answered 408 to small
     * bodies long arrived: every file leaves it off and has the ops bundle's guard at 1 KiB/s.
     */
    @Test
    void everyFileGuardsSlowBodiesWithTheOpsCheckAndNotJettys() throws Exception {
        assertSlowBodiesGuarded(load(new StandaloneApplication(), "standalone/config/standalone.yml"));
        assertSlowBodiesGuarded(load(new IngestApplication(), "hosted/ingest.yml"));
        assertSlowBodiesGuarded(load(new QueryApplication(), "hosted/query.yml"));
        assertSlowBodiesGuarded(load(new ControlApplication(), "hosted/control.yml"));
    }

    @Test
    void aFileForAnotherServiceIsRefused() {
        assertThat(check(new ControlApplication(), "hosted/query.yml")).isPresent();
    }

    private static void assertSlowBodiesGuarded(TenancyConfiguration configuration) {
        DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
        for (ConnectorFactory connector : server.getApplicationConnectors()) {
            assertThat(((HttpConnectorFactory) connector).getMinRequestDataPerSecond())
                    .isEqualTo(DataSize.bytes(0));
        }
        assertThat(configuration.getOps().getMinRequestBodyRate()).isEqualTo(DataSize.kibibytes(1));
    }

    private static <C extends Configuration> C load(Application<C> app, String file) throws Exception {
        Bootstrap<C> bootstrap = new Bootstrap<>(app);
        app.initialize(bootstrap);
        return bootstrap
                .getConfigurationFactoryFactory()
                .create(
                        app.getConfigurationClass(),
                        bootstrap.getValidatorFactory().getValidator(),
                        bootstrap.getObjectMapper(),
                        "dw")
                .build(
                        bootstrap.getConfigurationSourceProvider(),
                        INFRA.resolve(file).toString());
    }

    private static <C extends Configuration> Optional<String> check(Application<C> app, String file) {
        Bootstrap<C> bootstrap = new Bootstrap<>(app);
        app.initialize(bootstrap);
        bootstrap.addCommand(new CheckCommand<>(app));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Optional<Throwable> failed = new Cli(new JarLocation(app.getClass()), bootstrap, out, out)
                .run("check", INFRA.resolve(file).toString());
        return failed.map(e -> e + "\n" + out.toString(StandardCharsets.UTF_8));
    }
}
