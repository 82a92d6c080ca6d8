package io.scopecloud.tenancy.account;

import io.scopecloud.tenancy.TenancyException;

/** A sign-up, sign-in or password change that cannot be done, with a message for the person. */
public class AccountException extends TenancyException {
    private static final long serialVersionUID = 1L;

    public AccountException(String message) {
        this(Kind.INVALID, message);
    }

    AccountException(Kind kind, String message) {
        super(kind, message);
    }

    /** The email already has an account. */
    public static final class Taken extends AccountException {
        private static final long serialVersionUID = 1L;

        public Taken(String message) {
            super(Kind.CONFLICT, message);
        }
    }

    /** A one-use link that is unknown, used or expired. */
    public static final class LinkGone extends AccountException {
        private static final long serialVersionUID = 1L;

        public LinkGone(String message) {
            super(Kind.NOT_FOUND, message);
        }
    }

    /** The account cannot do this yet or any more (e.g. it is an org's last owner). */
    public static final class Refused extends AccountException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(Kind.CONFLICT, message);
        }
    }

    /** The current password given to change it is wrong. */
    public static final class WrongPassword extends AccountException {
        private static final long serialVersionUID = 1L;

        public WrongPassword(String message) {
            super(Kind.FORBIDDEN, message);
        }
    }
}
