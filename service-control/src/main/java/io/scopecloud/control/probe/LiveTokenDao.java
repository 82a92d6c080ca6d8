package io.scopecloud.control.probe;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Which of the probe tokens this instance's sockets were opened with are still valid. */
public interface LiveTokenDao {
    /**
     * Maintenance across tenants, by token id (unique across orgs): the ids among {@code ids} that are neither
     * revoked nor deleted.
     */
    @SqlQuery("SELECT id FROM probe_tokens WHERE id IN (<ids>) AND revoked_at IS NULL")
    List<UUID> live(@BindList("ids") Collection<UUID> ids);
}
