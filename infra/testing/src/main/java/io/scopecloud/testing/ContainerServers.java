package io.scopecloud.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL and Kafka in containers, for machines with a Docker engine. Images can be overridden
 * with {@code -Dscopecloud.test.postgres.image} and {@code -Dscopecloud.test.kafka.image}; the
 * defaults match the embedded servers (PostgreSQL 17, Kafka at the root POM's {@code kafka.version}).
 */
final class ContainerServers implements Servers {
    private static final Logger log = LoggerFactory.getLogger(ContainerServers.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final PostgreSQLContainer postgres;
    private final KafkaContainer kafka;
    private final Admin admin;

    private ContainerServers(PostgreSQLContainer postgres, KafkaContainer kafka) {
        this.postgres = requireNonNull(postgres, "postgres is null");
        this.kafka = requireNonNull(kafka, "kafka is null");
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()));
    }

    static ContainerServers start() {
        Properties defaults = defaultImages();
        String postgresImage = System.getProperty("scopecloud.test.postgres.image", defaults.getProperty("postgres"));
        String kafkaImage = System.getProperty("scopecloud.test.kafka.image", defaults.getProperty("kafka"));
        log.info("Starting {} and {} with Testcontainers", postgresImage, kafkaImage);
        PostgreSQLContainer postgres = new PostgreSQLContainer(DockerImageName.parse(postgresImage));
        // Same behaviour as the embedded broker: topics are created on purpose, groups join at once.
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(kafkaImage))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        try {
            Startables.deepStart(postgres, kafka).join();
        } catch (RuntimeException e) {
            postgres.stop();
            kafka.stop();
            throw e;
        }
        return new ContainerServers(postgres, kafka);
    }

    private static Properties defaultImages() {
        Properties images = new Properties();
        try (InputStream in = ContainerServers.class.getResourceAsStream("images.properties")) {
            images.load(requireNonNull(in, "images.properties is missing"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return images;
    }

    @Override
    public String jdbcUrlPrefix() {
        return "jdbc:postgresql://" + postgres.getHost() + ":"
                + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/";
    }

    @Override
    public String user() {
        return postgres.getUsername();
    }

    @Override
    public String password() {
        return postgres.getPassword();
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public void createTopic(String name, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + name, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name, e);
        }
    }

    @Override
    public boolean containers() {
        return true;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        kafka.stop();
        postgres.stop();
    }
}
