package io.scopecloud.tenancy.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.Test;

/** On the test JVM's PostgreSQL: statements named by their DAO method, list bindings rendered per call. */
class NamedSqlTemplatesIT {
    interface NumbersDao {
        @SqlQuery("SELECT count(*) FROM (VALUES (1), (2), (3), (4)) AS v(x) WHERE x IN (<xs>)")
        int countOf(@BindList("xs") List<Integer> xs);
    }

    @Test
    void namesEachStatementByItsDaoMethodAndRendersListsOfAnySizeFromOneParse() {
        TestDatabase db = TestInfrastructure.shared().newDatabase();
        Jdbi jdbi = Jdbi.create(db.jdbcUrl(), db.user(), db.password());
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.setTemplateEngine(new NamedSqlTemplates());
        List<String> sent = new ArrayList<>();
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                sent.add(context.getRenderedSql());
            }
        });
        NumbersDao dao = jdbi.onDemand(NumbersDao.class);

        assertThat(dao.countOf(List.of(1))).isEqualTo(1);
        assertThat(dao.countOf(List.of(1, 3, 4, 9))).isEqualTo(3);
        assertThat(dao.countOf(List.of(2, 3))).isEqualTo(2);

        assertThat(sent).hasSize(3).allSatisfy(sql -> assertThat(sql).startsWith("/* NumbersDao.countOf */ SELECT"));
        assertThat(sent.get(1)).contains("IN (:__xs_0,:__xs_1,:__xs_2,:__xs_3)");
        int seven = jdbi.withHandle(
                h -> h.createQuery("SELECT 7").mapTo(Integer.class).one());
        assertThat(seven).as("a statement outside a DAO is sent as written").isEqualTo(7);
        assertThat(sent.get(3)).isEqualTo("SELECT 7");
    }
}
