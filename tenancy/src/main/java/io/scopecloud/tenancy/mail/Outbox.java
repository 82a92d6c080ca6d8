package io.scopecloud.tenancy.mail;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Account mails, sent on a background thread: a request that mails (a reset for an existing
 * account) answers as fast as one that does not (an unknown email), so timing tells nothing, and
 * a slow mail server never holds a request. A mail the server refuses is logged, not retried.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Mailer mailer;
    private final ExecutorService sender;

    public Outbox(Mailer mailer) {
        this.mailer = requireNonNull(mailer, "mailer is null");
        this.sender = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(10_000),
                r -> {
                    Thread t = new Thread(r, "account-mail");
                    t.setDaemon(true);
                    return t;
                },
                (r, executor) -> LOG.warn("Account mail queue full: a mail was dropped"));
    }

    public void post(Mail mail) {
        sender.execute(() -> {
            try {
                mailer.send(mail);
            } catch (RuntimeException e) {
                LOG.warn("Could not send {}: {}", mail, e.toString());
            }
        });
    }

    @Override
    public void close() {
        sender.shutdown();
    }
}
