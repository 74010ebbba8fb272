package io.jenkins.plugins.capi.vsphere;

import static io.jenkins.plugins.capi.vsphere.SoapXml.child;
import static io.jenkins.plugins.capi.vsphere.SoapXml.childText;
import static io.jenkins.plugins.capi.vsphere.SoapXml.children;
import static io.jenkins.plugins.capi.vsphere.SoapXml.el;

import io.jenkins.plugins.capi.vsphere.VsphereException.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import org.w3c.dom.Element;

/**
 * An import lease: the VM vCenter created for the import, and one upload URL per file the OVF references.
 * While the files are sent, the lease is kept alive with {@code HttpNfcLeaseProgress}; it ends with
 * {@link #complete()} or {@link #abort()}.
 */
public final class HttpNfcLease {

    static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    static final int CHUNK = 256 * 1024;

    /** A file the import spec asks for: {@code path} is its {@code href} in the OVF (the entry in the OVA). */
    public record FileItem(String deviceId, String path, long size, boolean create) {}

    /** Where one file goes. */
    public record Upload(FileItem item, URI url, String sslThumbprint) {}

    private final VimClient client;
    private final MoRef lease;
    private final MoRef entity;
    private final List<Upload> uploads;
    private final List<String> warnings;
    private final SSLContext ssl;
    private final AtomicLong sent = new AtomicLong();
    private volatile long total = -1;
    private ScheduledExecutorService keepAlive;
    private volatile boolean ended;

    private HttpNfcLease(VimClient client, MoRef lease, MoRef entity, List<Upload> uploads, List<String> warnings,
                         SSLContext ssl) {
        this.client = client;
        this.lease = lease;
        this.entity = entity;
        this.uploads = List.copyOf(uploads);
        this.warnings = List.copyOf(warnings);
        this.ssl = ssl;
    }

    /** Waits until vCenter made the VM and the lease is ready, and matches its URLs to the import's files. */
    static HttpNfcLease ready(VimClient client, MoRef lease, List<FileItem> items, List<String> warnings)
            throws VsphereException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        long sleep = 20;
        ObjectContent o;
        while (true) {
            o = client.retrieveOne(lease, List.of("state", "error", "info"));
            String state = o.text("state").orElse("");
            if ("ready".equals(state)) {
                break;
            }
            if ("error".equals(state)) {
                throw Task.failed(client, "the import (ImportVApp)", o.values().get("error"));
            }
            if ("done".equals(state) || System.nanoTime() > deadline) {
                throw new VsphereException(Kind.TIMEOUT, client.endpoint().toString(), null, "vCenter "
                        + client.endpoint() + ": the import lease " + lease.value() + " is '" + state
                        + "', not ready, after " + SoapTransport.describe(READY_TIMEOUT), null);
            }
            sleepQuietly(sleep);
            sleep = Math.min(500, sleep * 2);
        }
        Element info = o.values().get("info");
        MoRef entity = SoapXml.refOf(child(info, "entity"));
        Map<String, Upload> byImportKey = new HashMap<>();
        Map<String, String> pins = new HashMap<>();
        List<Element> urls = children(info, "deviceUrl");
        for (Element u : urls) {
            URI url = withHost(URI.create(childText(u, "url")), client.endpoint().bareHost());
            String thumbprint = childText(u, "sslThumbprint");
            if (thumbprint != null && !thumbprint.isBlank()) {
                pins.put(url.getHost(), thumbprint);
            }
            byImportKey.put(childText(u, "importKey"), new Upload(null, url, thumbprint));
        }
        List<Upload> uploads = new ArrayList<>();
        for (FileItem item : items) {
            Upload u = byImportKey.get(item.deviceId());
            if (u == null) {
                abortQuietly(client, lease);
                throw client.transport().protocol("the import lease has no URL for " + item.path() + " ("
                        + item.deviceId() + ")");
            }
            uploads.add(new Upload(item, u.url(), u.sslThumbprint()));
        }
        SSLContext ssl = VcenterTrust.sslContext(client.transport().tlsChoice(), client.endpoint().toString(), pins);
        return new HttpNfcLease(client, lease, entity, uploads, warnings, ssl);
    }

    /** A lease URL may name the host {@code *}: the host the client connected to is meant. */
    private static URI withHost(URI url, String host) {
        if (!"*".equals(url.getHost()) && url.getHost() != null) {
            return url;
        }
        String raw = url.toString().replaceFirst("^(https?://)\\*", "$1" + host);
        return URI.create(raw);
    }

    public MoRef lease() {
        return lease;
    }

    /** The VM vCenter made for the import; it exists from now on, also if the import fails. */
    public MoRef entity() {
        return entity;
    }

    public List<Upload> uploads() {
        return uploads;
    }

    /** What {@code CreateImportSpec} warned about (e.g. an OVF setting the target does not support). */
    public List<String> warnings() {
        return warnings;
    }

    /** Bytes sent so far, over all files. */
    public long bytesSent() {
        return sent.get();
    }

    /** Starts reporting progress to vCenter, so the lease does not time out while files are sent. */
    public synchronized void keepAlive(long totalBytes) {
        this.total = totalBytes;
        if (keepAlive != null) {
            return;
        }
        keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "capi-nfc-lease-" + lease.value());
            t.setDaemon(true);
            return t;
        });
        keepAlive.scheduleWithFixedDelay(this::reportProgress, PROGRESS_INTERVAL.toMillis(),
                PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reportProgress() {
        if (ended) {
            return;
        }
        long t = total;
        int percent = t <= 0 ? 0 : (int) Math.min(99, sent.get() * 100 / t);
        try {
            client.invoke("HttpNfcLeaseProgress", lease, el("percent", Integer.toString(percent)));
        } catch (VsphereException ignored) {
            // a missed keep-alive is harmless; the upload itself reports real failures
        }
    }

    /**
     * Sends one file's bytes (disks as a stream-optimized VMDK {@code POST}, other files as {@code PUT}), reading
     * {@code body} as it goes: one buffer of {@value #CHUNK} bytes is all that is held, whatever the file's size.
     * A blocking {@link HttpsURLConnection} in fixed-length streaming mode writes straight to the TLS socket;
     * the JDK's asynchronous HTTP client moved an upload of this size several times slower.
     *
     * @param onBytes   told the running total of this lease after each chunk
     * @param cancelled polled before each chunk; when true the upload stops with an exception
     */
    public void upload(Upload upload, InputStream body, long size, LongConsumer onBytes, BooleanSupplier cancelled)
            throws VsphereException {
        String what = "the upload of " + upload.item().path();
        String server = client.endpoint().toString();
        HttpsURLConnection c = null;
        try {
            c = (HttpsURLConnection) upload.url().toURL().openConnection();
            c.setSSLSocketFactory(ssl.getSocketFactory());
            c.setConnectTimeout((int) client.transport().timeouts().connect().toMillis());
            c.setReadTimeout((int) client.transport().timeouts().read().toMillis());
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(size);
            if (upload.item().create()) {
                c.setRequestMethod("PUT");
                c.setRequestProperty("Overwrite", "t");
                c.setRequestProperty("Content-Type", "application/octet-stream");
            } else {
                c.setRequestMethod("POST");
                c.setRequestProperty("Content-Type", "application/x-vnd.vmware-streamVmdk");
            }
            byte[] buffer = new byte[CHUNK];
            try (OutputStream out = c.getOutputStream()) {
                long left = size;
                while (left > 0) {
                    if (cancelled.getAsBoolean()) {
                        throw new VsphereException(Kind.NETWORK, server, null, "vCenter " + server + ": " + what
                                + " was cancelled", null);
                    }
                    int n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new EOFException(upload.item().path() + " ended " + left + " bytes early");
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                    onBytes.accept(sent.addAndGet(n));
                }
            }
            int status = c.getResponseCode();
            if (status / 100 != 2) {
                InputStream errorBody = c.getErrorStream();
                String text = errorBody == null ? "" : new String(errorBody.readNBytes(200), StandardCharsets.UTF_8).strip();
                throw new VsphereException(Kind.HTTP, server, "vCenter " + server + ": " + what + " to "
                        + upload.url().getHost() + " answered HTTP " + status + (text.isEmpty() ? "" : ": " + text));
            }
        } catch (IOException e) {
            if (cancelled.getAsBoolean()) {
                throw new VsphereException(Kind.NETWORK, server, null, "vCenter " + server + ": " + what
                        + " was cancelled", e);
            }
            throw client.transport().classify(e, server, upload.url());
        } finally {
            if (c != null && cancelled.getAsBoolean()) {
                c.disconnect();
            }
        }
    }

    /** Ends the lease successfully: vCenter takes the VM as imported. */
    public void complete() throws VsphereException {
        end();
        client.invoke("HttpNfcLeaseProgress", lease, el("percent", "100"));
        client.invoke("HttpNfcLeaseComplete", lease, "");
    }

    /** Ends the lease as failed. Never throws: it runs on paths that already report a failure. */
    public void abort() {
        end();
        abortQuietly(client, lease);
    }

    private synchronized void end() {
        ended = true;
        if (keepAlive != null) {
            keepAlive.shutdownNow();
        }
    }

    private static void abortQuietly(VimClient client, MoRef lease) {
        try {
            client.invoke("HttpNfcLeaseAbort", lease, "");
        } catch (VsphereException ignored) {
            // the lease times out on the server by itself
        }
    }

    private static void sleepQuietly(long millis) throws VsphereException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VsphereException(Kind.NETWORK, "", null, "interrupted while waiting for the import lease", e);
        }
    }
}
