package io.scopecloud.tenancy.view;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jspecify.annotations.Nullable;

@RegisterConstructorMapper(SharedView.class)
public interface SharedViewDao {
    String COLUMNS = "org_id, id, name, topology, options::text AS options, search, selected_node, owner_id, shared,"
            + " created_at, updated_at";

    @SqlUpdate(
            """
        INSERT INTO shared_views (org_id, id, name, topology, options, search, selected_node, owner_id, shared)
        VALUES (:org, :id, :name, :topology, CAST(:options AS jsonb), :search, :selectedNode, :ownerId, :shared)
        """)
    void insert(
            UUID org,
            UUID id,
            String name,
            String topology,
            String options,
            String search,
            @Nullable String selectedNode,
            UUID ownerId,
            boolean shared);

    /** The views a member can see: every shared one, and their own. */
    @SqlQuery(
            "SELECT " + COLUMNS
                    + """
         FROM shared_views
        WHERE org_id = :org AND (shared OR owner_id = :userId)
        ORDER BY name, created_at
        """)
    List<SharedView> visibleTo(UUID org, UUID userId);

    @SqlQuery("SELECT " + COLUMNS + " FROM shared_views WHERE org_id = :org AND id = :id")
    Optional<SharedView> find(UUID org, UUID id);

    @SqlUpdate(
            """
        UPDATE shared_views
        SET name = :name, topology = :topology, options = CAST(:options AS jsonb), search = :search,
            selected_node = :selectedNode, shared = :shared, updated_at = now()
        WHERE org_id = :org AND id = :id
        """)
    int update(
            UUID org,
            UUID id,
            String name,
            String topology,
            String options,
            String search,
            @Nullable String selectedNode,
            boolean shared);

    @SqlUpdate("DELETE FROM shared_views WHERE org_id = :org AND id = :id")
    int delete(UUID org, UUID id);
}
