package io.scopecloud.tenancy.mail;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;

/**
 * The words of every mail the service sends, in plain text and HTML. Each names the service's
 * public URL, so a person can tell where it came from; none holds a password.
 */
public final class AccountMails {
    private final URI publicUrl;

    public AccountMails(URI publicUrl) {
        this.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
    }

    /** A page of this service, for links in mails. */
    public String link(String path) {
        return publicUrl.resolve(path).toString();
    }

    public Mail invitation(String to, String orgName, String inviterEmail, String link, String lifetime) {
        return mail(
                to,
                "You are invited to " + orgName + " on Scope Cloud",
                List.of(inviterEmail + " invited you to see the hosts and containers of " + orgName + "."),
                "Accept the invitation",
                link,
                "The link works once and expires in " + lifetime + ".");
    }

    public Mail passwordReset(String to, String link) {
        return mail(
                to,
                "Reset your Scope Cloud password",
                List.of("Someone (we hope you) asked to reset the password of the account " + to + "."),
                "Choose a new password",
                link,
                "The link works once, for one hour. If you did not ask, ignore this mail: your password stays.");
    }

    public Mail passwordChanged(String to) {
        return mail(
                to,
                "Your Scope Cloud password was changed",
                List.of("The password of the account " + to + " was just changed, and every other browser"
                        + " signed in to it was signed out."),
                "Sign in",
                link("/login"),
                "If this was not you, reset your password at once from the sign-in page.");
    }

    public Mail verifyEmail(String to, String link) {
        return mail(
                to,
                "Confirm your email for Scope Cloud",
                List.of("Confirm that " + to + " is your address, so teams can invite you and you can reset a"
                        + " forgotten password."),
                "Confirm this address",
                link,
                "The link works once, for a day. If you did not sign up, ignore this mail.");
    }

    public Mail confirmNewEmail(String to, String oldEmail, String link) {
        return mail(
                to,
                "Confirm your new email for Scope Cloud",
                List.of("The account " + oldEmail + " asked to use " + to + " as its address from now on."),
                "Confirm the change",
                link,
                "The link works once, for a day. Until it is opened, the account keeps its old address.");
    }

    public Mail emailChangeRequested(String to, String newEmail) {
        return mail(
                to,
                "Your Scope Cloud email is about to change",
                List.of("Someone signed in to the account " + to + " asked to change its address to " + newEmail
                        + ". It changes when the link sent there is opened."),
                "Review your account",
                link("/account"),
                "If this was not you, change your password at once and end your other sessions.");
    }

    private Mail mail(String to, String subject, List<String> paragraphs, String action, String url, String after) {
        String site = publicUrl.toString();
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">");
        for (String p : paragraphs) {
            text.append(p).append("\n\n");
            html.append("<p>").append(escape(p)).append("</p>");
        }
        text.append(action)
                .append(":\n")
                .append(url)
                .append("\n\n")
                .append(after)
                .append("\n\n");
        text.append("-- \nScope Cloud at ").append(site).append('\n');
        html.append("<p><a href=\"")
                .append(escape(url))
                .append("\">")
                .append(escape(action))
                .append("</a></p><p>")
                .append(escape(url))
                .append("</p><p>")
                .append(escape(after))
                .append("</p><hr><p>Scope Cloud at <a href=\"")
                .append(escape(site))
                .append("\">")
                .append(escape(site))
                .append("</a></p></body></html>");
        return new Mail(to, subject, text.toString(), html.toString());
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
