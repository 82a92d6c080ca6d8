package io.scopecloud.testing;

/** One PostgreSQL and one Kafka, from wherever they came. */
interface Servers extends AutoCloseable {
    /** e.g. {@code jdbc:postgresql://localhost:5432/}; a database name completes it. */
    String jdbcUrlPrefix();

    String user();

    String password();

    String bootstrapServers();

    /** Idempotent. */
    void createTopic(String name, int partitions);

    boolean containers();

    @Override
    void close();
}
