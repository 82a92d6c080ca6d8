package io.scopecloud.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scopecloud.tenancy.mail.SmtpMailer.SmtpSettings;
import org.junit.jupiter.api.Test;

/** The mail server from {@code SCOPE_CLOUD_SMTP} (host:port) or host and port; none when empty. */
class SmtpSettingsTest {
    @Test
    void anEmptyServerMeansNoMailServer() {
        TenancyFactory.Smtp smtp = new TenancyFactory.Smtp();
        smtp.setServer("");
        assertThat(smtp.settings()).isNull();
        TenancyFactory settings = new TenancyFactory();
        assertThat(settings.smtpSettings()).isNull();
    }

    @Test
    void hostAndPortComeFromTheServerSetting() {
        TenancyFactory.Smtp smtp = new TenancyFactory.Smtp();
        smtp.setServer(" mail.example.org:587 ");
        smtp.setUser("scope");
        smtp.setPassword("s3cret");
        smtp.setStartTls(true);
        smtp.setFrom("Scope <scope@example.org>");
        SmtpSettings s = smtp.settings();
        assertThat(s).isNotNull();
        assertThat(s.host()).isEqualTo("mail.example.org");
        assertThat(s.port()).isEqualTo(587);
        assertThat(s.startTls()).isTrue();
        assertThat(s.user()).isEqualTo("scope");
        assertThat(s.from()).isEqualTo("Scope <scope@example.org>");
        assertThat(s.toString()).doesNotContain("s3cret");
    }

    @Test
    void hostAloneStillWorksAndAServerWithoutPortUses25() {
        TenancyFactory.Smtp smtp = new TenancyFactory.Smtp();
        smtp.setHost("localhost");
        smtp.setPort(2525);
        assertThat(smtp.settings().port()).isEqualTo(2525);
        smtp.setServer("relay.example.org");
        assertThat(smtp.settings().host()).isEqualTo("relay.example.org");
        assertThat(smtp.settings().port()).isEqualTo(25);
    }

    @Test
    void aMalformedServerIsRefusedSayingWhatItMustBe() {
        TenancyFactory.Smtp smtp = new TenancyFactory.Smtp();
        smtp.setServer("mail.example.org:smtp");
        assertThatThrownBy(smtp::settings).hasMessageContaining("must be host:port");
        smtp.setServer(":25");
        assertThatThrownBy(smtp::settings).hasMessageContaining("SCOPE_CLOUD_SMTP");
        smtp.setServer("mail.example.org:70000");
        assertThatThrownBy(smtp::settings).isInstanceOf(IllegalArgumentException.class);
    }
}
