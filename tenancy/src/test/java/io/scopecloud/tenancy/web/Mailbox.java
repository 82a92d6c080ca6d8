package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading what the portal mailed from the test's GreenMail server. */
final class Mailbox {
    private static final Pattern SECRET = Pattern.compile("#([A-Za-z0-9_]+)");

    private Mailbox() {}

    /** The mails to {@code to} whose subject contains {@code subject}, as they are now. */
    static List<Received> to(GreenMail mail, String to, String subject) {
        List<Received> found = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            try {
                if (Arrays.stream(m.getAllRecipients())
                                .anyMatch(a -> a.toString().equalsIgnoreCase(to))
                        && m.getSubject().contains(subject)) {
                    found.add(Received.of(m));
                }
            } catch (MessagingException | IOException e) {
                throw new AssertionError(e);
            }
        }
        return found;
    }

    /** Waits up to 10 s for the first such mail. */
    static Received await(GreenMail mail, String to, String subject) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Received> found = to(mail, to, subject);
            if (!found.isEmpty()) {
                return found.get(found.size() - 1);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no mail \"" + subject + "\" to " + to + " within 10 s");
    }

    /** The secret of the link to {@code path} in the newest such mail. */
    static String secret(GreenMail mail, String to, String subject, String path) {
        return await(mail, to, subject).secret(path);
    }

    /** A mail's plain text and HTML parts. */
    record Received(String subject, String text, String html) {
        static Received of(MimeMessage m) throws MessagingException, IOException {
            Object content = m.getContent();
            assertThat(content).as("a multipart mail").isInstanceOf(MimeMultipart.class);
            MimeMultipart parts = (MimeMultipart) content;
            String text = null;
            String html = null;
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    text = (String) part.getContent();
                } else if (part.isMimeType("text/html")) {
                    html = (String) part.getContent();
                }
            }
            assertThat(text).as("plain text part").isNotNull();
            assertThat(html).as("HTML part").isNotNull();
            return new Received(m.getSubject(), text, html);
        }

        String secret(String path) {
            int at = text.indexOf(path.substring(0, path.length() - 1));
            assertThat(at).as("link to %s in %s", path, text).isNotNegative();
            Matcher m = SECRET.matcher(text.substring(at));
            assertThat(m.find()).isTrue();
            return m.group(1);
        }
    }
}
