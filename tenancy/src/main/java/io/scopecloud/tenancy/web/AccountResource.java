package io.scopecloud.tenancy.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.access.OrgAccess;
import io.scopecloud.tenancy.account.AccountLinks;
import io.scopecloud.tenancy.account.User;
import io.scopecloud.tenancy.session.Sessions.NewSession;
import io.scopecloud.tenancy.web.PortalViews.OrgView;
import io.scopecloud.tenancy.web.PortalViews.SessionView;
import io.scopecloud.tenancy.web.PortalViews.UserView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Signing up, in and out, the current session, and changing one's password. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AccountResource {
    static final java.time.Duration SECOND_STEP_LIFETIME = java.time.Duration.ofMinutes(5);

    private final Tenancy tenancy;
    private final SessionCookies cookies;
    private final RateLimiter signUps;
    private final SignInThrottle signIns;

    AccountResource(Tenancy tenancy, SessionCookies cookies, RateLimiter signUps, SignInThrottle signIns) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
        this.cookies = requireNonNull(cookies, "cookies is null");
        this.signUps = requireNonNull(signUps, "signUps is null");
        this.signIns = requireNonNull(signIns, "signIns is null");
    }

    @POST
    @Path("signup")
    public Response signUp(
            @NotNull @Valid SignUp request,
            @Context HttpServletRequest http,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        signUps.acquire("ip:" + http.getRemoteAddr());
        User user = tenancy.accounts().signUp(request.email(), request.password());
        if (request.orgName() != null && !request.orgName().isBlank()) {
            tenancy.orgs().createOwnedBy(request.orgName(), user.id());
        }
        if (tenancy.emailVerification()) {
            tenancy.emailAddresses().sendVerification(user, tenancy.mails(uri.getBaseUri()));
        }
        return started(user, headers, http, Response.Status.CREATED);
    }

    /**
     * Signs in. The client address is the connection's peer as Jetty reports it: a forwarded-for
     * header counts only where the operator turned on {@code useForwardedHeaders} for a proxy that
     * overwrites it, so a client cannot name another address to dodge its throttling.
     */
    @POST
    @Path("login")
    public Response logIn(
            @NotNull @Valid Credentials request, @Context HttpServletRequest http, @Context HttpHeaders headers) {
        String address = http.getRemoteAddr();
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        signIns.begin(address, email);
        User user = tenancy.accounts()
                .authenticate(request.email(), request.password())
                .orElseThrow(() -> new NotAuthorizedException(
                        "that email and password do not match an account", "Session realm=\"scope-cloud\""));
        signIns.succeeded(address, email);
        if (tenancy.twoFactor().enabled(user.id())) {
            String challenge = tenancy.accountLinks()
                    .issue(user.id(), AccountLinks.Purpose.SIGN_IN, user.email(), SECOND_STEP_LIFETIME);
            return Response.ok(Map.of("secondFactor", "totp", "challenge", challenge))
                    .build();
        }
        return started(user, headers, http, Response.Status.OK);
    }

    /**
     * The second step of a sign-in with two-factor on: the challenge from the first step and a
     * code from the authenticator app (or a recovery code). Throttled as the first step is, per
     * client address and per address and person; a code is accepted once.
     */
    @POST
    @Path("login/second-factor")
    public Response secondFactor(
            @NotNull @Valid SecondFactor request, @Context HttpServletRequest http, @Context HttpHeaders headers) {
        String address = http.getRemoteAddr();
        java.util.Optional<io.scopecloud.tenancy.account.AccountLink> challenge =
                tenancy.accountLinks().peek(request.challenge(), AccountLinks.Purpose.SIGN_IN);
        String key =
                "second-factor:" + challenge.map(c -> c.userId().toString()).orElse("unknown");
        signIns.begin(address, key);
        if (challenge.isEmpty()) {
            throw new NotAuthorizedException(
                    "this sign-in expired (5 minutes) or was used: sign in again", "Session realm=\"scope-cloud\"");
        }
        java.util.UUID userId = challenge.get().userId();
        if (!tenancy.twoFactor().check(userId, request.code())
                || tenancy.accountLinks()
                        .use(request.challenge(), AccountLinks.Purpose.SIGN_IN)
                        .isEmpty()) {
            throw new NotAuthorizedException(
                    "that code is not right, or was used already: type the newest code from your authenticator app,"
                            + " or a recovery code",
                    "Session realm=\"scope-cloud\"");
        }
        signIns.succeeded(address, key);
        User user = tenancy.accounts()
                .find(userId)
                .orElseThrow(() -> new NotAuthorizedException("sign in again", "Session"));
        return started(user, headers, http, Response.Status.OK);
    }

    @POST
    @Path("logout")
    public Response logOut(@Context HttpHeaders headers) {
        tenancy.sessions().end(OrgAccess.sessionCookie(headers));
        return Response.noContent().cookie(cookies.clear()).build();
    }

    @GET
    @Path("session")
    public SessionView session(@Context HttpHeaders headers) {
        SignedIn me = SignedIn.require(tenancy.sessions(), headers);
        return view(me.session().userId(), me.session().csrfToken());
    }

    /** Changes the password, signs out every other browser of this person, and mails them a notice. */
    @POST
    @Path("session/password")
    public Response changePassword(
            @NotNull @Valid PasswordChange request, @Context HttpHeaders headers, @Context UriInfo uri) {
        SignedIn me = SignedIn.require(tenancy.sessions(), headers);
        tenancy.accounts().changePassword(me.session().userId(), request.currentPassword(), request.newPassword());
        tenancy.sessions().endOthers(me.session().userId(), me.cookieValue());
        tenancy.accounts().find(me.session().userId()).ifPresent(u -> tenancy.outbox()
                .post(tenancy.mails(uri.getBaseUri()).passwordChanged(u.email())));
        return Response.noContent().build();
    }

    /** A fresh session id at every sign-in, and the one presented before (if any) ended: no fixation. */
    private Response started(User user, HttpHeaders headers, HttpServletRequest http, Response.Status status) {
        tenancy.sessions().end(OrgAccess.sessionCookie(headers));
        NewSession session = tenancy.sessions().start(user.id());
        tenancy.sessionDirectory()
                .recordOrigin(
                        session.cookieValue(), http.getRemoteAddr(), headers.getHeaderString(HttpHeaders.USER_AGENT));
        return Response.status(status)
                .cookie(cookies.issue(session.cookieValue()))
                .entity(view(user.id(), session.csrfToken()))
                .build();
    }

    private SessionView view(java.util.UUID userId, String csrf) {
        User user = tenancy.accounts()
                .find(userId)
                .orElseThrow(() -> new NotAuthorizedException("sign in first", "Session"));
        return new SessionView(
                new UserView(user.id(), user.email(), user.emailVerified()),
                csrf,
                tenancy.members().orgsOf(user.id()).stream().map(OrgView::of).toList());
    }

    record SignUp(
            @JsonProperty("email") @NotNull @Size(max = 320) String email,
            @JsonProperty("password") @NotNull @Size(max = 1024) String password,
            @JsonProperty("orgName") @Size(max = 100) @Nullable String orgName) {}

    record Credentials(
            @JsonProperty("email") @NotNull @Size(max = 320) String email,
            @JsonProperty("password") @NotNull @Size(max = 1024) String password) {}

    record SecondFactor(
            @JsonProperty("challenge") @NotNull @Size(max = 100) String challenge,
            @JsonProperty("code") @NotNull @Size(max = 64) String code) {}

    record PasswordChange(
            @JsonProperty("currentPassword") @NotNull @Size(max = 1024) String currentPassword,
            @JsonProperty("newPassword") @NotNull @Size(max = 1024) String newPassword) {}
}
