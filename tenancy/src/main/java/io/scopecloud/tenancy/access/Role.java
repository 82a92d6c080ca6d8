package io.scopecloud.tenancy.access;

import java.util.Locale;

/**
 * What a member of an org may do, from least to most. Viewers read; members also run ordinary
 * controls; admins also open shells and manage the team and tokens; owners also delete the org.
 */
public enum Role {
    VIEWER,
    MEMBER,
    ADMIN,
    OWNER;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** The lowercase name stored in PostgreSQL and used in the API. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
