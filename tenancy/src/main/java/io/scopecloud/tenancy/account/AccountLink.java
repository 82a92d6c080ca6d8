package io.scopecloud.tenancy.account;

import java.util.UUID;

/** What a used one-use link was for: whose account, and the address it was sent to. */
public record AccountLink(UUID userId, String purpose, String email) {}
