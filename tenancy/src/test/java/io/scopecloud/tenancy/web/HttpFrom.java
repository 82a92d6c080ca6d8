package io.scopecloud.tenancy.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.0 request from a chosen loopback address (127.0.0.2, 127.0.0.3, ...), so that a test
 * can be several clients as the server sees them; the JDK's client cannot pick its source address.
 */
final class HttpFrom {
    private final String sourceAddress;
    private final int port;

    HttpFrom(String sourceAddress, int port) {
        this.sourceAddress = sourceAddress;
        this.port = port;
    }

    Answer post(String path, Object body, Map<String, String> headers) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(30_000);
            byte[] json = PortalClient.JSON.writeValueAsBytes(body);
            StringBuilder request = new StringBuilder()
                    .append("POST ")
                    .append(path)
                    .append(" HTTP/1.0\r\n")
                    .append("Host: localhost:")
                    .append(port)
                    .append("\r\n")
                    .append("Content-Type: application/json\r\n")
                    .append("Content-Length: ")
                    .append(json.length)
                    .append("\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(json);
            out.flush();
            return Answer.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }

    /** Status, headers (lower-case names) and the JSON body. */
    record Answer(int status, Map<String, String> headers, JsonNode json) {
        static Answer parse(String raw) throws IOException {
            int end = raw.indexOf("\r\n\r\n");
            List<String> lines = raw.substring(0, end).lines().toList();
            String statusLine = lines.get(0); // HTTP/1.1 429 Too Many Requests
            int firstSpace = statusLine.indexOf(' ');
            int status = Integer.parseInt(statusLine.substring(firstSpace + 1, firstSpace + 4));
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
            String body = raw.substring(end + 4);
            return new Answer(status, headers, body.isEmpty() ? null : PortalClient.JSON.readTree(body));
        }
    }
}
