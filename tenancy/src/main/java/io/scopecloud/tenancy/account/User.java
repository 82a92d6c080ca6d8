package io.scopecloud.tenancy.account;

import java.time.Instant;
import java.util.UUID;

/** A person who can sign in. */
public record User(UUID id, String email, Instant createdAt) {}
