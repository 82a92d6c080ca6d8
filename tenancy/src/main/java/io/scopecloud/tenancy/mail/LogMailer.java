package io.scopecloud.tenancy.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No mail server: each mail's plain text (its links) goes to the log for the operator to pass on,
 * as a standalone install without SMTP does. Mails never hold a password.
 */
public final class LogMailer implements Mailer {
    private static final Logger LOG = LoggerFactory.getLogger(LogMailer.class);

    @Override
    public boolean send(Mail mail) {
        LOG.warn(
                "No mail server (tenancy.smtp or SCOPE_CLOUD_SMTP): pass this on to {} by hand. Subject: {}\n{}",
                mail.to(),
                mail.subject(),
                mail.text());
        return false;
    }
}
