package io.scopecloud.tenancy.invite;

/** Sends an invitation by email; the link carries the invitation's secret. */
public interface InviteMailer {
    /** Returns false when no mail server is configured, so the link must be passed on by hand. */
    boolean send(String to, String orgName, String inviterEmail, String link);
}
