package io.scopecloud.tenancy.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.scopecloud.tenancy.invite.Invite;
import io.scopecloud.tenancy.invite.Invites.IssuedInvite;
import io.scopecloud.tenancy.member.Member;
import io.scopecloud.tenancy.member.Membership;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.tenancy.probe.ProbeRecord;
import io.scopecloud.tenancy.token.IssuedToken;
import io.scopecloud.tenancy.token.ProbeToken;
import io.scopecloud.tenancy.view.SharedView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the portal API (documented in openapi/portal.yaml). */
final class PortalViews {
    private PortalViews() {}

    record SessionView(
            @JsonProperty("user") UserView user,
            @JsonProperty("csrfToken") String csrfToken,
            @JsonProperty("orgs") List<OrgView> orgs) {}

    record UserView(
            @JsonProperty("id") UUID id,
            @JsonProperty("email") String email,
            @JsonProperty("emailVerified") boolean emailVerified) {}

    /** The account page's header: the address, whether it is proved, and whether that matters here. */
    record AccountView(
            @JsonProperty("id") UUID id,
            @JsonProperty("email") String email,
            @JsonProperty("emailVerified") boolean emailVerified,
            @JsonProperty("verificationRequired") boolean verificationRequired,
            @JsonProperty("createdAt") Instant createdAt) {
        static AccountView of(io.scopecloud.tenancy.account.User user, boolean verificationRequired) {
            return new AccountView(
                    user.id(), user.email(), user.emailVerified(), verificationRequired, user.createdAt());
        }
    }

    /** One of the person's sessions: when it began and was last used, from where, and whether it is this one. */
    record SessionRowView(
            @JsonProperty("id") UUID id,
            @JsonProperty("createdAt") Instant createdAt,
            @JsonProperty("lastSeenAt") Instant lastSeenAt,
            @JsonProperty("address") @Nullable String address,
            @JsonProperty("browser") @Nullable String browser,
            @JsonProperty("current") boolean current) {
        static SessionRowView of(io.scopecloud.tenancy.session.SessionInfo s, boolean current) {
            return new SessionRowView(s.publicId(), s.createdAt(), s.lastSeenAt(), s.address(), s.userAgent(), current);
        }
    }

    record OrgView(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("role") @Nullable String role) {
        static OrgView of(Membership m) {
            return new OrgView(m.orgExternalId(), m.orgName(), m.role().id());
        }

        static OrgView of(Org org, String role) {
            return new OrgView(org.externalId(), org.name(), role);
        }
    }

    record MemberView(
            @JsonProperty("userId") UUID userId,
            @JsonProperty("email") String email,
            @JsonProperty("role") String role,
            @JsonProperty("joinedAt") Instant joinedAt) {
        static MemberView of(Member m) {
            return new MemberView(m.userId(), m.email(), m.role().id(), m.joinedAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InviteView(
            @JsonProperty("id") UUID id,
            @JsonProperty("email") @Nullable String email,
            @JsonProperty("role") String role,
            @JsonProperty("expiresAt") Instant expiresAt,
            @JsonProperty("link") @Nullable String link,
            @JsonProperty("mailed") @Nullable Boolean mailed) {
        static InviteView of(Invite i) {
            return new InviteView(i.id(), i.email(), i.role().id(), i.expiresAt(), null, null);
        }

        static InviteView of(IssuedInvite issued) {
            Invite i = issued.invite();
            return new InviteView(i.id(), i.email(), i.role().id(), i.expiresAt(), issued.link(), issued.mailed());
        }
    }

    record InvitationView(
            @JsonProperty("org") String orgName,
            @JsonProperty("role") String role,
            @JsonProperty("expiresAt") Instant expiresAt) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenView(
            @JsonProperty("id") UUID id,
            @JsonProperty("name") String name,
            @JsonProperty("prefix") String prefix,
            @JsonProperty("createdAt") Instant createdAt,
            @JsonProperty("lastUsedAt") @Nullable Instant lastUsedAt,
            @JsonProperty("revokedAt") @Nullable Instant revokedAt,
            @JsonProperty("token") @Nullable String token) {
        static TokenView of(ProbeToken t) {
            return new TokenView(t.id(), t.name(), t.prefix(), t.createdAt(), t.lastUsedAt(), t.revokedAt(), null);
        }

        static TokenView of(IssuedToken issued) {
            ProbeToken t = issued.token();
            return new TokenView(t.id(), t.name(), t.prefix(), t.createdAt(), null, null, issued.secret());
        }
    }

    record ProbeView(
            @JsonProperty("id") String id,
            @JsonProperty("hostname") @Nullable String hostname,
            @JsonProperty("version") @Nullable String version,
            @JsonProperty("firstSeen") Instant firstSeen,
            @JsonProperty("lastSeen") Instant lastSeen,
            @JsonProperty("connected") boolean connected,
            @JsonProperty("controlConnected") boolean controlConnected) {
        static ProbeView of(ProbeRecord p, Instant connectedSince) {
            return new ProbeView(
                    p.probeId(),
                    p.hostname(),
                    p.version(),
                    p.firstSeen(),
                    p.lastSeen(),
                    p.lastSeen().isAfter(connectedSince),
                    p.controlConnected());
        }
    }

    record ViewView(
            @JsonProperty("id") UUID id,
            @JsonProperty("name") String name,
            @JsonProperty("topology") String topology,
            @JsonProperty("options") Map<String, String> options,
            @JsonProperty("search") String search,
            @JsonProperty("selectedNode") @Nullable String selectedNode,
            @JsonProperty("shared") boolean shared,
            @JsonProperty("mine") boolean mine,
            @JsonProperty("updatedAt") Instant updatedAt) {
        static ViewView of(SharedView v, Map<String, String> options, @Nullable UUID caller) {
            return new ViewView(
                    v.id(),
                    v.name(),
                    v.topology(),
                    options,
                    v.search(),
                    v.selectedNode(),
                    v.shared(),
                    caller != null && caller.equals(v.ownerId()),
                    v.updatedAt());
        }
    }
}
