package io.scopecloud.tenancy.db;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.apache.tomcat.jdbc.pool.ConnectionPool;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;

/**
 * The PostgreSQL pool in {@code /metrics}: {@code db_pool_connections{state="active|idle"}},
 * {@code db_pool_max}, {@code db_pool_waiting} (threads waiting for a connection: the first sign
 * of a stalled database) and {@code db_pool_borrowed_total}.
 */
public final class PoolMetrics {
    private PoolMetrics() {}

    public static void bind(DataSource dataSource, String name, MeterRegistry registry) {
        if (!(dataSource instanceof DataSourceProxy proxy)) {
            return;
        }
        Tags pool = Tags.of("pool", name);
        gauge(registry, "db.pool.connections", pool.and("state", "active"), proxy, ConnectionPool::getActive);
        gauge(registry, "db.pool.connections", pool.and("state", "idle"), proxy, ConnectionPool::getIdle);
        gauge(registry, "db.pool.waiting", pool, proxy, ConnectionPool::getWaitCount);
        Gauge.builder("db.pool.max", proxy, DataSourceProxy::getMaxActive)
                .tags(pool)
                .description("most connections the pool opens")
                .register(registry);
        registry.more()
                .counter(
                        "db.pool.borrowed",
                        pool,
                        proxy,
                        p -> p.getPool() == null ? 0 : p.getPool().getBorrowedCount());
    }

    private static void gauge(
            MeterRegistry registry,
            String name,
            Tags tags,
            DataSourceProxy proxy,
            ToDoubleFunction<ConnectionPool> value) {
        Gauge.builder(name, proxy, p -> p.getPool() == null ? 0 : value.applyAsDouble(p.getPool()))
                .tags(tags)
                .register(registry);
    }
}
