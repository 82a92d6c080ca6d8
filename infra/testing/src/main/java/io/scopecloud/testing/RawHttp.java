package io.scopecloud.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 requests written by hand on a raw socket to 127.0.0.1, for tests of how a server treats a client's pace
 * (slow-body checks). Requests should say {@code Connection: close}: answers are read until the server closes.
 */
public final class RawHttp {
    private RawHttp() {}

    /**
     * Sends {@code head}, the first {@code firstPart} bytes of {@code body}, waits {@code pause}, then the rest:
     * the whole answer, stripped.
     */
    public static String sendWithPause(int port, String head, byte[] body, int firstPart, Duration pause)
            throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, firstPart);
            out.flush();
            Thread.sleep(pause.toMillis());
            out.write(body, firstPart, body.length - firstPart);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }

    /**
     * Sends {@code start} (the head and the body's first bytes), then one more byte of body every {@code interval}
     * until the server answers: the answer's lines, or what happened instead (closed, or no answer within
     * {@code max}).
     */
    public static String trickle(int port, String start, Duration interval, Duration max) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) interval.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(start.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            long deadline = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    String status = in.readLine();
                    if (status == null) {
                        return "closed without an answer";
                    }
                    StringBuilder answer = new StringBuilder(status);
                    socket.setSoTimeout(5_000);
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        answer.append('\n').append(line);
                    }
                    return answer.toString();
                } catch (SocketTimeoutException e) {
                    try {
                        out.write(' ');
                        out.flush();
                    } catch (IOException closed) {
                        return "closed without an answer";
                    }
                }
            }
            return "still waiting after " + max.toSeconds() + " s";
        }
    }
}
