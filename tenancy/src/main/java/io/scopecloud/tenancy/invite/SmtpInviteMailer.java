package io.scopecloud.tenancy.invite;

import static java.util.Objects.requireNonNull;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Invitations over SMTP (Jakarta Mail), as configured under {@code tenancy.smtp}. */
public final class SmtpInviteMailer implements InviteMailer {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpInviteMailer.class);

    private final Session session;
    private final String from;

    public SmtpInviteMailer(SmtpSettings smtp) {
        requireNonNull(smtp, "smtp is null");
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", Integer.toString(smtp.port()));
        props.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.smtp.writetimeout", "10000");
        boolean auth = smtp.user() != null && !smtp.user().isEmpty();
        props.put("mail.smtp.auth", Boolean.toString(auth));
        this.session = auth
                ? Session.getInstance(props, new jakarta.mail.Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return new PasswordAuthentication(smtp.user(), smtp.password());
                    }
                })
                : Session.getInstance(props);
        this.from = smtp.from();
    }

    @Override
    public boolean send(String to, String orgName, String inviterEmail, String link) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            message.setSubject("You are invited to " + orgName + " on Scope Cloud", "UTF-8");
            message.setText(
                    inviterEmail + " invited you to see the hosts and containers of " + orgName
                            + " on Scope Cloud.\n\nAccept the invitation here:\n" + link
                            + "\n\nThe link works once and expires in a week.\n",
                    "UTF-8");
            Transport.send(message);
            return true;
        } catch (MessagingException e) {
            LOG.warn("Could not mail an invitation to {}: {}", to, e.toString());
            throw new IllegalStateException(
                    "the invitation could not be mailed (" + e.getMessage() + "); share the link instead", e);
        }
    }

    /** Where and how to send mail. */
    public record SmtpSettings(String host, int port, boolean startTls, String user, String password, String from) {}
}
