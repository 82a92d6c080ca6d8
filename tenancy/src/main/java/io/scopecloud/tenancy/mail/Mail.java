package io.scopecloud.tenancy.mail;

import static java.util.Objects.requireNonNull;

/** One message to one person: a subject, a plain text body and the same in HTML. */
public record Mail(String to, String subject, String text, String html) {
    public Mail {
        requireNonNull(to, "to is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(text, "text is null");
        requireNonNull(html, "html is null");
    }

    @Override
    public String toString() {
        return "Mail[to=" + to + ", subject=" + subject + "]";
    }
}
