package io.scopecloud.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Issue 17 item 13: Secure cookies were off unless asked for, even for an https deployment. */
class TenancyFactoryTest {
    @Test
    void cookiesAreSecureByDefaultWhenThePublicUrlIsHttps() {
        TenancyFactory settings = new TenancyFactory();
        settings.setPublicUrl(URI.create("https://scope.example/"));
        assertThat(settings.isSecureCookies()).isTrue();
    }

    @Test
    void cookiesAreNotSecureByDefaultForAPlainHttpPublicUrl() {
        TenancyFactory settings = new TenancyFactory();
        settings.setPublicUrl(URI.create("http://localhost:4040/"));
        assertThat(settings.isSecureCookies()).isFalse();
    }

    @Test
    void anExplicitSettingWins() {
        TenancyFactory settings = new TenancyFactory();
        settings.setPublicUrl(URI.create("http://behind-a-tls-proxy/"));
        settings.setSecureCookies(true);
        assertThat(settings.isSecureCookies()).isTrue();
        settings.setPublicUrl(URI.create("https://scope.example/"));
        settings.setSecureCookies(false);
        assertThat(settings.isSecureCookies()).isFalse();
    }

    @Test
    void anUnsetOrEmptyPublicUrlIsNotConfigured() {
        TenancyFactory settings = new TenancyFactory();
        assertThat(settings.configuredPublicUrl()).isEmpty();
        settings.setPublicUrl(URI.create(""));
        assertThat(settings.configuredPublicUrl()).isEmpty();
        assertThat(settings.getPublicUrl()).isEqualTo(URI.create("http://localhost:4040/"));
        settings.setPublicUrl(URI.create("https://scope.example/"));
        assertThat(settings.configuredPublicUrl()).contains(URI.create("https://scope.example/"));
    }
}
