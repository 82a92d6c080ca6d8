package io.scopecloud.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TestInfrastructureTest {
    private final FakeServers servers = new FakeServers();
    private final TestInfrastructure infrastructure = new TestInfrastructure(servers);

    @Test
    void pointsTheAdminUrlAtTheMaintenanceDatabase() {
        assertThat(infrastructure.adminJdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(infrastructure.user()).isEqualTo("postgres");
        assertThat(infrastructure.usesTestcontainers()).isFalse();
    }

    @Test
    void neverReturnsTheSameTopicNameTwice() {
        List<String> names = IntStream.range(0, 1000)
                .mapToObj(i -> infrastructure.newTopicName("reports"))
                .toList();

        assertThat(names).doesNotHaveDuplicates().allMatch(name -> name.startsWith("reports-"));
    }

    @Test
    void rejectsTopicPrefixesKafkaWouldReject() {
        assertThatThrownBy(() -> infrastructure.newTopicName("scope reports"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> infrastructure.newTopicName("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createsTheTopicItNames() {
        String name = infrastructure.newTopic("scope.reports", 3);

        assertThat(servers.topics).containsExactly(name + "/3");
    }

    @Test
    void readsTheModeProperty() {
        assertThat(InfrastructureMode.parse(null)).isEqualTo(InfrastructureMode.AUTO);
        assertThat(InfrastructureMode.parse(" Embedded ")).isEqualTo(InfrastructureMode.EMBEDDED);
        assertThat(InfrastructureMode.parse("testcontainers")).isEqualTo(InfrastructureMode.TESTCONTAINERS);
        assertThatThrownBy(() -> InfrastructureMode.parse("docker")).isInstanceOf(IllegalArgumentException.class);
    }

    private static final class FakeServers implements Servers {
        final List<String> topics = new ArrayList<>();

        @Override
        public String jdbcUrlPrefix() {
            return "jdbc:postgresql://localhost:5432/";
        }

        @Override
        public String user() {
            return "postgres";
        }

        @Override
        public String password() {
            return "";
        }

        @Override
        public String bootstrapServers() {
            return "localhost:9092";
        }

        @Override
        public void createTopic(String name, int partitions) {
            topics.add(name + "/" + partitions);
        }

        @Override
        public boolean containers() {
            return false;
        }

        @Override
        public void close() {}
    }
}
