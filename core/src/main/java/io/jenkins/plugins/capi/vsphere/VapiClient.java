package io.jenkins.plugins.capi.vsphere;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.jenkins.plugins.capi.Json;
import io.jenkins.plugins.capi.vsphere.VsphereException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * vCenter's REST (vAPI) side at {@code /rest}: a session of its own (created with the user and password, then
 * carried in the {@code vmware-api-session-id} header) over the same TLS choice as the SOAP connection. Only the
 * {@code /rest} paths are used: the simulator the tests run against has no {@code /api/session}, and vCenter 7
 * and 8 still serve {@code /rest}.
 */
public final class VapiClient implements AutoCloseable {

    private static final String SESSION_HEADER = "vmware-api-session-id";
    private static final ObjectMapper JSON = Json.mapper();

    private final SoapTransport transport;
    private final URI base;
    private final String session;

    private VapiClient(SoapTransport transport, String session) {
        this.transport = transport;
        this.base = URI.create("https://" + transport.endpoint().host() + ":" + transport.endpoint().port() + "/rest");
        this.session = session;
    }

    /** Opens a REST session on the vCenter {@code soap} is connected to. */
    public static VapiClient login(VimClient soap, String user, String password) throws VsphereException {
        SoapTransport t = soap.transport();
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create("https://" + t.endpoint().host() + ":" + t.endpoint().port() + "/rest/com/vmware/cis/session");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(t.timeouts().read())
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<byte[]> r = t.send(request, "the REST login", HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new VsphereException(Kind.FAULT, t.endpoint().toString(), "InvalidLogin", "vCenter " + t.endpoint()
                    + " rejected the REST login of user '" + user + "' (HTTP " + r.statusCode()
                    + "): wrong user name or password", null);
        }
        JsonNode value = value(t, r, "the REST login");
        if (!value.isTextual()) {
            throw t.protocol("the REST login answered without a session id");
        }
        return new VapiClient(t, value.asText());
    }

    public JsonNode get(String path) throws VsphereException {
        return call("GET", path, null);
    }

    public JsonNode post(String path, Object body) throws VsphereException {
        return call("POST", path, body);
    }

    public JsonNode delete(String path) throws VsphereException {
        return call("DELETE", path, null);
    }

    /** Sends a file's bytes to an upload URL vCenter handed out, streamed from {@code body}. */
    void put(URI url, InputStream body, long size, String what) throws VsphereException {
        HttpRequest request = HttpRequest.newBuilder(url).header(SESSION_HEADER, session)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), size))
                .build();
        HttpResponse<byte[]> r = transport.send(request, what, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
            throw error(transport, r, what);
        }
    }

    private JsonNode call(String method, String path, Object body) throws VsphereException {
        String what = method + " " + path.replaceAll("\\?.*", "");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(transport.timeouts().read())
                .header(SESSION_HEADER, session).header("Accept", "application/json");
        if (body != null) {
            try {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not JSON: " + body.getClass(), e);
            }
        } else {
            b.method(method, "POST".equals(method) ? HttpRequest.BodyPublishers.ofString("{}")
                    : HttpRequest.BodyPublishers.noBody());
            if ("POST".equals(method)) {
                b.header("Content-Type", "application/json");
            }
        }
        return value(transport, transport.send(b.build(), what, HttpResponse.BodyHandlers.ofByteArray()), what);
    }

    private static JsonNode value(SoapTransport t, HttpResponse<byte[]> r, String what) throws VsphereException {
        if (r.statusCode() / 100 != 2) {
            throw error(t, r, what);
        }
        if (r.body().length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode tree = JSON.readTree(r.body());
            return tree.has("value") ? tree.get("value") : tree;
        } catch (IOException e) {
            throw new VsphereException(Kind.PROTOCOL, t.endpoint().toString(), null,
                    "vCenter " + t.endpoint() + ": the answer to " + what + " is not JSON", e);
        }
    }

    /** A vAPI error: HTTP status plus the error type ({@code …errors.already_exists} → {@code already_exists}). */
    private static VsphereException error(SoapTransport t, HttpResponse<byte[]> r, String what) {
        String type = "HTTP " + r.statusCode();
        String message = "";
        try {
            JsonNode tree = JSON.readTree(r.body());
            if (tree != null && tree.hasNonNull("type")) {
                String full = tree.get("type").asText();
                type = full.substring(full.lastIndexOf('.') + 1);
            } else if (tree != null && tree.hasNonNull("error_type")) {
                type = tree.get("error_type").asText().toLowerCase(java.util.Locale.ROOT);
            }
            JsonNode messages = tree == null ? null : tree.path("value").path("messages");
            if (messages != null && messages.isArray() && !messages.isEmpty()) {
                message = messages.get(0).path("default_message").asText("");
            }
        } catch (IOException | RuntimeException e) {
            // not a vAPI error body (a proxy page, a plain 404): the status says enough
        }
        if (r.statusCode() == 404 && type.startsWith("HTTP")) {
            type = "not_found";
        }
        return new VsphereException(Kind.FAULT, t.endpoint().toString(), type, "vCenter " + t.endpoint() + ": "
                + what + " failed with " + type + " (HTTP " + r.statusCode() + ")"
                + (message.isBlank() ? "" : ": " + message), null);
    }

    /** Ends the REST session. Never throws. */
    @Override
    public void close() {
        try {
            call("DELETE", "/com/vmware/cis/session", null);
        } catch (VsphereException ignored) {
            // the session expires on the server by itself
        }
    }
}
