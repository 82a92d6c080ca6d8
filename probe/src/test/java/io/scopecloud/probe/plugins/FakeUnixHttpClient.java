package io.scopecloud.probe.plugins;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** A hand-written {@link UnixHttpClient}: answers from a script, records what it was asked. */
final class FakeUnixHttpClient implements UnixHttpClient {
    record Call(Path socket, UnixHttpRequest request, Duration timeout, long maxBodyBytes) {}

    private final Deque<Object> answers = new ArrayDeque<>();
    final List<Call> calls = new ArrayList<>();

    FakeUnixHttpClient answer(int status, String body) {
        answers.add(new UnixHttpResponse(
                status,
                status == 200 ? "OK" : "Internal Server Error",
                Map.of(),
                body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    FakeUnixHttpClient fail(IOException e) {
        answers.add(e);
        return this;
    }

    @Override
    public synchronized UnixHttpResponse exchange(
            Path socket, UnixHttpRequest request, Duration timeout, long maxBodyBytes) throws IOException {
        calls.add(new Call(socket, request, timeout, maxBodyBytes));
        Object answer = answers.size() > 1 ? answers.poll() : answers.peek();
        if (answer == null) {
            throw new IOException("connect: no such file or directory");
        }
        if (answer instanceof IOException e) {
            throw e;
        }
        return (UnixHttpResponse) answer;
    }
}
