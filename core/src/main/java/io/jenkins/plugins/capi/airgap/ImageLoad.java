package io.jenkins.plugins.capi.airgap;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.LoadResponseItem;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code POST /images/load} with a {@code docker save} tar streamed as the request body, as it is read from the
 * archive: nothing is written to disk on this side.
 *
 * <p>docker-java's {@code loadImageCmd} returns nothing and drops the engine's answer; its {@code loadImageAsyncCmd}
 * hands each JSON object of the answer to a callback as a {@link LoadResponseItem}. That is used for engines reached
 * over tcp://; over the UNIX socket {@link EngineSocket} sends the same request faster, parsing the same answer into the
 * same objects. The engine
 * reads the whole body before it answers: one {@code {"stream":"Loaded image: <name>\n"}} per tagged image
 * (or {@code Loaded image ID: sha256:…} for an untagged one), or an {@code error}. The loaded names therefore come
 * from the answer, not from the archive's {@code manifest.json}, which {@code docker save} writes after the layers.
 *
 * <p>The transport sends the body from its own thread; {@link #awaitBodySent} returns once the body has been read
 * to its end, so the caller can go on reading the archive while the engine is still registering the layers.
 */
final class ImageLoad {

    private static final Pattern LOADED = Pattern.compile("Loaded image(?: ID)?: (\\S+)");

    private final String what;
    private final Body body;
    private final Answer answer = new Answer();

    private ImageLoad(String what, Body body) {
        this.what = what;
        this.body = body;
    }

    /**
     * Starts the load. {@code tar} is read until its end and never closed (it may be an entry of a longer archive);
     * {@code progress} is reported from the sending thread as the body is read.
     *
     * @param socket the engine's UNIX socket, to send over it directly ({@link EngineSocket}); null to send through
     *               docker-java (engines reached over tcp://)
     */
    static ImageLoad start(DockerClient docker, Path socket, String what, InputStream tar, ProgressReporter progress) {
        ImageLoad load = new ImageLoad(what, new Body(tar, progress));
        if (socket != null) {
            EngineSocket.postImagesLoad(socket, load.body, load.answer);
        } else {
            docker.loadImageAsyncCmd(load.body).exec(load.answer);
        }
        return load;
    }

    /** Waits until the body has been read to its end, or the engine answered (an error answers early). */
    void awaitBodySent() throws InterruptedException {
        while (!body.sent.await(200, TimeUnit.MILLISECONDS)) {
            if (answer.done.getCount() == 0) {
                return;
            }
        }
    }

    /** Whether the whole tar was read by the transport (not cut short by an error or an abort). */
    boolean bodySent() {
        return body.eof;
    }

    /**
     * Waits for the engine's answer.
     *
     * @return the names (or {@code sha256:} ids of untagged images) the engine loaded
     * @throws AirgapException when the engine reported an error, the connection failed, or {@code max} passed
     */
    List<String> awaitLoaded(Duration max) throws InterruptedException {
        if (!answer.done.await(max.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AirgapException("the engine did not finish loading " + what + " within " + max);
        }
        if (answer.error != null) {
            throw new AirgapException("the engine could not load " + what + ": " + answer.error);
        }
        if (answer.loaded.isEmpty()) {
            throw new AirgapException("the engine loaded nothing from " + what + " (is it a `docker save` tar?)");
        }
        return List.copyOf(answer.loaded);
    }

    /** Stops sending: the next read of the body fails, so the engine discards the partial upload. */
    void abort() {
        body.aborted = true;
        try {
            answer.close();
        } catch (IOException e) {
            // the connection is being dropped anyway
        }
    }

    /** The request body: the tar as it is read, ended by its EOF; reports progress; can be aborted. */
    private static final class Body extends FilterInputStream {
        final CountDownLatch sent = new CountDownLatch(1);
        final ProgressReporter progress;
        volatile boolean aborted;
        volatile boolean eof;
        private boolean started;

        Body(InputStream in, ProgressReporter progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (eof) {
                // past its end the archive stream belongs to the next entry, which the caller is reading by now
                return -1;
            }
            if (!started) {
                started = true;
                progress.report();
            }
            if (aborted) {
                sent.countDown();
                throw new InterruptedIOException("image load aborted");
            }
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                sent.countDown();
                throw e;
            }
            if (n < 0) {
                progress.report();
                eof = true;
                sent.countDown();
            } else {
                progress.maybeReport();
            }
            return n;
        }

        /** The transport closes the body after sending it, or on an error; the archive under it stays open. */
        @Override
        public void close() {
            sent.countDown();
        }
    }

    /** Collects the engine's answer. */
    private static final class Answer extends ResultCallback.Adapter<LoadResponseItem> {
        final CountDownLatch done = new CountDownLatch(1);
        /** Written by the transport's one thread; read after {@link #done}, which orders the two. */
        final List<String> loaded = new ArrayList<>();
        volatile String error;

        @Override
        public void onNext(LoadResponseItem item) {
            if (item.isErrorIndicated()) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError();
                return;
            }
            String stream = item.getStream();
            if (stream != null) {
                Matcher m = LOADED.matcher(stream.strip());
                if (m.matches()) {
                    loaded.add(m.group(1));
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            if (error == null) {
                error = t instanceof InterruptedIOException ? "aborted" : String.valueOf(t.getMessage());
            }
            done.countDown();
            // not super.onError: docker-java logs every callback error at ERROR level, an abort included
            try {
                close();
            } catch (IOException e) {
                // the response is gone either way
            }
        }

        @Override
        public void onComplete() {
            done.countDown();
            super.onComplete();
        }

        @Override
        public void close() throws IOException {
            if (done.getCount() > 0 && error == null) {
                error = "aborted";
            }
            done.countDown();
            super.close();
        }
    }
}
