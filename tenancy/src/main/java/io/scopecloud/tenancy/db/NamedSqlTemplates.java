package io.scopecloud.tenancy.db;

import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * SQL as Dropwizard's JDBI set-up renders it (JDBI's {@code <attribute>} templates, e.g. a
 * {@code @BindList}, and the DAO method's name as a leading comment, {@code /* MemberDao.membership
 * *&#47;}, so a slow query names its caller in PostgreSQL's logs and statistics) but parsed once per
 * statement: Dropwizard's own engine is not a {@link TemplateEngine.Parsing}, so JDBI parsed every
 * statement's template again at each execution (the first cost of a request in a profile).
 */
public final class NamedSqlTemplates implements TemplateEngine.Parsing {
    private final DefinedAttributeTemplateEngine attributes = new DefinedAttributeTemplateEngine();

    @Override
    public Optional<Function<StatementContext, String>> parse(String template, ConfigRegistry config) {
        Optional<Function<StatementContext, String>> parsed = attributes.parse(template, config);
        return Optional.of(ctx ->
                name(ctx) + parsed.map(render -> render.apply(ctx)).orElseGet(() -> attributes.render(template, ctx)));
    }

    private static String name(StatementContext ctx) {
        ExtensionMethod method = ctx.getExtensionMethod();
        return method == null
                ? ""
                : "/* " + method.getType().getSimpleName() + "."
                        + method.getMethod().getName() + " */ ";
    }
}
