package io.scopecloud.tenancy.view;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.access.Role;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import java.util.List;
import java.util.UUID;

/**
 * Saved views. Members save views; a shared view is visible to everyone in the org, an unshared
 * one only to its owner. The owner or an admin may change or delete it. Viewers only open them.
 */
public final class SharedViews {
    private final SharedViewDao views;
    private final ObjectMapper json;

    public SharedViews(SharedViewDao views, ObjectMapper json) {
        this.views = requireNonNull(views, "views is null");
        this.json = requireNonNull(json, "json is null");
    }

    public SharedView create(OrgCaller caller, ViewSpec spec) {
        UUID owner =
                caller.require(Role.MEMBER).user().orElseThrow(() -> new ForbiddenException("sign in to save views"));
        UUID id = UUID.randomUUID();
        views.insert(
                caller.scope().id(),
                id,
                spec.name().strip(),
                spec.topology(),
                options(spec),
                spec.search() == null ? "" : spec.search(),
                spec.selectedNode(),
                owner,
                spec.shared());
        return views.find(caller.scope().id(), id).orElseThrow();
    }

    public List<SharedView> list(OrgCaller caller) {
        return caller.user()
                .map(user -> views.visibleTo(caller.scope().id(), user))
                .orElseGet(List::of);
    }

    /** A view the caller may see; anything else is a 404, as if it did not exist. */
    public SharedView get(OrgCaller caller, UUID id) {
        return views.find(caller.scope().id(), id)
                .filter(v -> v.shared()
                        || (v.ownerId() != null
                                && caller.user().map(v.ownerId()::equals).orElse(false)))
                .orElseThrow(() -> new NotFoundException("no view " + id));
    }

    public SharedView update(OrgCaller caller, UUID id, ViewSpec spec) {
        mayChange(caller, get(caller, id));
        views.update(
                caller.scope().id(),
                id,
                spec.name().strip(),
                spec.topology(),
                options(spec),
                spec.search() == null ? "" : spec.search(),
                spec.selectedNode(),
                spec.shared());
        return views.find(caller.scope().id(), id).orElseThrow();
    }

    public void delete(OrgCaller caller, UUID id) {
        mayChange(caller, get(caller, id));
        views.delete(caller.scope().id(), id);
    }

    private static void mayChange(OrgCaller caller, SharedView view) {
        caller.require(Role.MEMBER);
        boolean owner = view.ownerId() != null
                && caller.user().map(view.ownerId()::equals).orElse(false);
        if (!owner && !caller.role().atLeast(Role.ADMIN)) {
            throw new ForbiddenException("only the view's owner or an admin can change it");
        }
    }

    private String options(ViewSpec spec) {
        try {
            return json.writeValueAsString(spec.options());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("options are not serialisable", e);
        }
    }
}
