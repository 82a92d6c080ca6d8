package io.scopecloud.control.probe;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** A Jetty {@link Session} that records what is sent and completes every send at once. */
final class FakeSession {
    final List<String> texts = new ArrayList<>();
    int pings;
    boolean closed;
    boolean disconnected;
    boolean failSends;
    final Session session;

    FakeSession() {
        session = (Session) Proxy.newProxyInstance(
                Session.class.getClassLoader(), new Class<?>[] {Session.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "sendText" -> {
                            synchronized (this) {
                                texts.add((String) args[0]);
                            }
                            complete((Callback) args[1]);
                        }
                        case "sendPing" -> {
                            pings++;
                            complete((Callback) args[1]);
                        }
                        case "close" -> {
                            closed = true;
                            if (args != null && args.length == 3) {
                                ((Callback) args[2]).succeed();
                            }
                        }
                        case "disconnect" -> disconnected = true;
                        case "isOpen" -> {
                            return !closed && !disconnected;
                        }
                        case "toString" -> {
                            return "FakeSession";
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        default -> {
                            // setters and the rest: nothing to do
                        }
                    }
                    return null;
                });
    }

    private void complete(Callback callback) {
        if (failSends) {
            callback.fail(new java.io.IOException("broken pipe"));
        } else {
            callback.succeed();
        }
    }

    synchronized List<String> sent() {
        return List.copyOf(texts);
    }
}
