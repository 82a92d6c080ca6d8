package io.scopecloud.tenancy.member;

import io.scopecloud.tenancy.access.Role;
import java.util.UUID;

/**
 * One org a person belongs to, as the org switcher lists it; {@code lacksSecondFactor}: the org requires two-factor
 * sign-in of its members and this person has not turned it on (read with the membership, in the same query).
 */
public record Membership(UUID orgId, String orgExternalId, String orgName, Role role, boolean lacksSecondFactor) {}
