package io.scopecloud.tenancy.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.TenancyFactory;
import java.time.Clock;

/** Registers the portal's resources, filter and mapper; resource constructors stay package-private. */
public final class PortalResources {
    private PortalResources() {}

    public static void register(
            Tenancy tenancy, TenancyFactory settings, JerseyEnvironment jersey, ObjectMapper json, Clock clock) {
        SessionCookies cookies = new SessionCookies(
                settings.isSecureCookies(), settings.getSessionMaxAge().toJavaDuration());
        java.time.Duration firstDelay = settings.getSignInFirstDelay().toJavaDuration();
        java.time.Duration maxDelay = settings.getSignInMaxDelay().toJavaDuration();
        jersey.register(new AccountResource(
                tenancy,
                cookies,
                new RateLimiter(
                        settings.getSignUpsPerWindow(), settings.getRateWindow().toJavaDuration()),
                new SignInThrottle(
                        clock,
                        new SignInThrottle.Limits(settings.getSignInFreeFailures(), firstDelay, maxDelay),
                        new SignInThrottle.Limits(settings.getSignInFreeFailuresPerAddress(), firstDelay, maxDelay))));
        java.time.Duration window = settings.getRateWindow().toJavaDuration();
        RateLimiter linkRequests = new RateLimiter(settings.getAccountLinksPerWindow(), window);
        jersey.register(
                new PasswordResource(tenancy, linkRequests, new RateLimiter(settings.getResetMailsPerEmail(), window)));
        jersey.register(new EmailResource(tenancy, linkRequests));
        jersey.register(new AccountPageResource(tenancy, cookies, linkRequests));
        jersey.register(new TwoFactorResource(tenancy));
        jersey.register(new OrgTwoFactorResource(tenancy));
        jersey.register(new OrgsResource(tenancy));
        jersey.register(new MembersResource(tenancy));
        jersey.register(new InvitesResource(tenancy));
        jersey.register(new InvitationResource(tenancy));
        jersey.register(new TokensResource(tenancy));
        jersey.register(new ProbesResource(tenancy, clock));
        jersey.register(new ViewsResource(tenancy, json));
        jersey.register(new OpenApiResource());
        jersey.register(new CsrfFilter(tenancy.sessions(), tenancy.siteOrigin()));
        jersey.register(new NoStoreFilter());
        jersey.register(new PortalExceptionMapper());
    }
}
