package io.jenkins.plugins.capi.airgap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.LoadResponseItem;
import io.jenkins.plugins.capi.container.EngineConnection;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /images/load} sent straight over the engine's UNIX socket (JDK socket channels, plain HTTP/1.1), for
 * the one call where docker-java's transport is slow: it writes a streamed body in 4 KiB pieces, one system call
 * each; loading a 2.6 GB image took 1.31 times as long that way (bench/airgap-load.sh). Engines reached over
 * {@code tcp://} (possibly TLS) keep using docker-java. The answer is the same JSON stream docker-java would parse;
 * each object goes to the callback as a {@link LoadResponseItem}.
 */
final class EngineSocket {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 1 << 20;
    private static final byte[] CRLF = {'\r', '\n'};

    private EngineSocket() {}

    /** The socket file when the engine is reached over {@code unix://}. */
    static Optional<Path> unixSocketOf(String dockerHost) {
        String uri = EngineConnection.describe(dockerHost);
        return uri.startsWith("unix://") ? Optional.of(Path.of(uri.substring("unix://".length()))) : Optional.empty();
    }

    /**
     * Starts the upload on its own thread: reads {@code body} to its end in 1 MiB chunks, then hands the answer to
     * {@code callback}. Closing the callback closes the socket, which stops the upload.
     */
    static void postImagesLoad(Path socket, InputStream body, ResultCallback<LoadResponseItem> callback) {
        Thread t = new Thread(() -> exchange(socket, body, callback), "capi-image-load");
        t.setDaemon(true);
        t.start();
    }

    private static void exchange(Path socket, InputStream body, ResultCallback<LoadResponseItem> callback) {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            callback.onStart(ch);
            IOException sending = null;
            try {
                send(ch, body);
            } catch (IOException e) {
                // the engine may have answered and hung up (an error); its answer says more than the broken pipe
                sending = e;
            }
            if (!ch.isOpen()) {
                throw sending != null ? sending : new EOFException("closed");
            }
            try {
                receive(new BufferedInputStream(Channels.newInputStream(ch)), callback);
            } catch (IOException e) {
                throw sending != null ? sending : e;
            }
            callback.onComplete();
        } catch (IOException | RuntimeException e) {
            callback.onError(e);
        } finally {
            try {
                body.close();
            } catch (IOException e) {
                // the body's close only marks it sent
            }
        }
    }

    private static void send(SocketChannel ch, InputStream body) throws IOException {
        writeAll(ch, ByteBuffer.wrap(("POST /images/load?quiet=1 HTTP/1.1\r\nHost: docker\r\n"
                + "Content-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
        byte[] buf = new byte[CHUNK];
        int n;
        while ((n = body.readNBytes(buf, 0, CHUNK)) > 0) {
            byte[] head = (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            writeAll(ch, ByteBuffer.wrap(head), ByteBuffer.wrap(buf, 0, n), ByteBuffer.wrap(CRLF));
        }
        writeAll(ch, ByteBuffer.wrap("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    private static void writeAll(SocketChannel ch, ByteBuffer... parts) throws IOException {
        long left = 0;
        for (ByteBuffer b : parts) {
            left += b.remaining();
        }
        while (left > 0) {
            left -= ch.write(parts);
        }
    }

    private static void receive(InputStream in, ResultCallback<LoadResponseItem> callback) throws IOException {
        String status = line(in);
        String[] s = status.split(" ", 3);
        if (s.length < 2 || !s[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer from the engine: " + status);
        }
        int code = Integer.parseInt(s[1]);
        boolean chunked = false;
        long length = -1;
        String h;
        while (!(h = line(in)).isEmpty()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(h.indexOf(':') + 1).strip());
            }
        }
        InputStream content = chunked ? new Chunked(in) : length >= 0 ? new Bounded(in, length) : in;
        if (code != 200) {
            String text = new String(content.readNBytes(64 * 1024), StandardCharsets.UTF_8).strip();
            String message = text;
            try {
                message = JSON.readTree(text).path("message").asText(text);
            } catch (IOException e) {
                // not JSON: show the text
            }
            throw new IOException("HTTP " + code + ": " + message);
        }
        try (MappingIterator<JsonNode> items = JSON.readerFor(JsonNode.class).readValues(content)) {
            while (items.hasNextValue()) {
                callback.onNext(JSON.treeToValue(items.nextValue(), LoadResponseItem.class));
            }
        }
    }

    /** One CRLF-terminated line of the head, without the CRLF. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
            if (b.size() > 16 * 1024) {
                throw new IOException("header line too long");
            }
        }
        if (c < 0 && b.size() == 0) {
            throw new EOFException("the engine closed the connection without an answer");
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    /** The body of a {@code Transfer-Encoding: chunked} answer. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                int semi = size.indexOf(';');
                left = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).strip(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the engine's answer ended inside a chunk");
            }
            left -= n;
            if (left == 0) {
                line(in);
            }
            return n;
        }
    }

    /** The body of an answer with a {@code Content-Length}. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int c = in.read();
            left--;
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
