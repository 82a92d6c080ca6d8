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
}
