package io.scopecloud.tenancy.org;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Org.class)
public interface OrgDao {
    @SqlUpdate("INSERT INTO orgs (id, external_id, name) VALUES (:id, :externalId, :name) ON CONFLICT DO NOTHING")
    int insert(UUID id, String externalId, String name);

    @SqlQuery("SELECT id, external_id, name, created_at FROM orgs WHERE id = :id")
    Optional<Org> find(UUID id);

    @SqlQuery("SELECT id, external_id, name, created_at FROM orgs WHERE external_id = lower(:externalId)")
    Optional<Org> findByExternalId(String externalId);

    @SqlUpdate("UPDATE orgs SET name = :name WHERE id = :id")
    int rename(UUID id, String name);

    @SqlUpdate("DELETE FROM orgs WHERE id = :id")
    int delete(UUID id);
}
