package io.scopecloud.query;

import java.lang.ref.Reference;
import java.util.List;

/** For tests of what the service lets go of: asks for collections until the references are cleared, or gives up. */
public final class Collected {
    private static final int ATTEMPTS = 20;

    private Collected() {}

    /** Waits (up to 20 collections, 20 ms apart) until every one of {@code references} is cleared; the caller asserts. */
    public static void await(List<? extends Reference<?>> references) throws InterruptedException {
        for (int gc = 0; gc < ATTEMPTS && references.stream().anyMatch(r -> r.get() != null); gc++) {
            System.gc();
            Thread.sleep(20);
        }
    }

    public static void await(Reference<?> reference) throws InterruptedException {
        await(List.of(reference));
    }
}
