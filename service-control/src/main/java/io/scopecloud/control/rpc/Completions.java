package io.scopecloud.control.rpc;

import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/** What a future of a control call failed with, out of the {@link CompletionException} that dependent stages wrap. */
public final class Completions {
    private Completions() {}

    public static @Nullable Throwable cause(@Nullable Throwable thrown) {
        return thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }
}
