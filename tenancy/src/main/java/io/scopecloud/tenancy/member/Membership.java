package io.scopecloud.tenancy.member;

import io.scopecloud.tenancy.access.Role;
import java.util.UUID;

/** One org a person belongs to, as the org switcher lists it. */
public record Membership(UUID orgId, String orgExternalId, String orgName, Role role) {}
