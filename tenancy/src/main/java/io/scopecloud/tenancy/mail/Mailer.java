package io.scopecloud.tenancy.mail;

/** Sends mail to people: invitations and the account mails ({@link AccountMails}). */
public interface Mailer {
    /**
     * Sends the mail; false when no mail server is configured (the mail's links were logged for
     * the operator instead). Throws {@link MailException} when the server refused it.
     */
    boolean send(Mail mail);

    /** A configured mail server did not take the mail. */
    final class MailException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MailException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
