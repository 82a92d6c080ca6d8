package io.scopecloud.tenancy.mail;

import static java.util.Objects.requireNonNull;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Mail over SMTP (Jakarta Mail): multipart/alternative, plain text first, then HTML. */
public final class SmtpMailer implements Mailer {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);

    private final Session session;
    private final String from;

    public SmtpMailer(SmtpSettings smtp) {
        requireNonNull(smtp, "smtp is null");
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", Integer.toString(smtp.port()));
        props.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
        props.put("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.smtp.writetimeout", "10000");
        boolean auth = smtp.user() != null && !smtp.user().isEmpty();
        props.put("mail.smtp.auth", Boolean.toString(auth));
        this.session =
                auth ? Session.getInstance(props, new Login(smtp.user(), smtp.password())) : Session.getInstance(props);
        this.from = smtp.from();
    }

    @Override
    public boolean send(Mail mail) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
            message.setSubject(mail.subject(), "UTF-8");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), "UTF-8", "html");
            message.setContent(new MimeMultipart("alternative", text, html));
            Transport.send(message);
            return true;
        } catch (MessagingException e) {
            LOG.warn("Could not mail \"{}\" to {}: {}", mail.subject(), mail.to(), e.toString());
            throw new MailException("the mail could not be sent (" + e.getMessage() + ")", e);
        }
    }

    private static final class Login extends Authenticator {
        private final String user;
        private final @Nullable String password;

        Login(String user, @Nullable String password) {
            this.user = user;
            this.password = password;
        }

        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            return new PasswordAuthentication(user, password == null ? "" : password);
        }
    }

    /** Where and how to send mail. */
    public record SmtpSettings(
            String host, int port, boolean startTls, String user, @Nullable String password, String from) {
        @Override
        public String toString() {
            return "SmtpSettings[" + host + ":" + port + ", startTls=" + startTls + ", user=" + user + "]";
        }
    }
}
