package io.jenkins.plugins.capi.vsphere;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.capi.vsphere.VsphereException.Kind;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A local content library through the REST content-library service: items found by name, created, and filled
 * through an update session (one PUT per file, then complete). A session that fails is marked failed, so the
 * item keeps the content it had.
 */
public final class ContentLibrary {

    private static final String LIBRARY = "/com/vmware/content/library";
    private static final String ITEM = "/com/vmware/content/library/item";
    private static final String SESSION = "/com/vmware/content/library/item/update-session";
    private static final String SESSION_FILE = "/com/vmware/content/library/item/updatesession/file";
    static final Duration COMPLETE_TIMEOUT = Duration.ofMinutes(30);

    private final VapiClient rest;
    private final String id;
    private final String name;

    private ContentLibrary(VapiClient rest, String id, String name) {
        this.rest = rest;
        this.id = id;
        this.name = name;
    }

    /** The library of that name; empty when there is none. */
    public static Optional<ContentLibrary> find(VapiClient rest, String name) throws VsphereException {
        for (JsonNode id : rest.post(LIBRARY + "?~action=find", Map.of("spec", Map.of("name", name)))) {
            JsonNode lib = rest.get(LIBRARY + "/id:" + id.asText());
            if (name.equalsIgnoreCase(lib.path("name").asText())) {
                return Optional.of(new ContentLibrary(rest, id.asText(), lib.path("name").asText()));
            }
        }
        return Optional.empty();
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Optional<String> findItem(String itemName) throws VsphereException {
        for (JsonNode item : rest.post(ITEM + "?~action=find", Map.of("spec", Map.of("library_id", id, "name", itemName)))) {
            return Optional.of(item.asText());
        }
        return Optional.empty();
    }

    /** Creates an OVF template item (empty until a session fills it). */
    public String createOvfItem(String itemName, String description) throws VsphereException {
        return rest.post(ITEM, Map.of("create_spec", Map.of("library_id", id, "name", itemName, "type", "ovf",
                "description", description))).asText();
    }

    public void deleteItem(String itemId) throws VsphereException {
        rest.delete(ITEM + "/id:" + itemId);
    }

    /** Opens an update session on an item: its files are replaced when the session completes. */
    public Update update(String itemId) throws VsphereException {
        String session = rest.post(SESSION, Map.of("create_spec", Map.of("library_item_id", itemId))).asText();
        return new Update(session);
    }

    /** One update session. */
    public final class Update {
        private final String session;

        private Update(String session) {
            this.session = session;
        }

        /** Adds one file and streams its bytes to the URL vCenter gives for it. */
        public void upload(String fileName, InputStream body, long size) throws VsphereException {
            JsonNode file = rest.post(SESSION_FILE + "/id:" + session + "?~action=add", Map.of("file_spec",
                    Map.of("name", fileName, "source_type", "PUSH", "size", size)));
            String uri = file.path("upload_endpoint").path("uri").asText("");
            if (uri.isEmpty()) {
                throw new VsphereException(Kind.PROTOCOL, "", "the content library gave no upload URL for " + fileName);
            }
            rest.put(URI.create(uri), body, size, "the upload of " + fileName + " to content library " + name);
        }

        /** Completes the session and waits until vCenter took the files. */
        public void complete() throws VsphereException {
            rest.post(SESSION + "/id:" + session + "?~action=complete", null);
            long deadline = System.nanoTime() + COMPLETE_TIMEOUT.toNanos();
            while (true) {
                String state = rest.get(SESSION + "/id:" + session).path("state").asText("");
                switch (state) {
                    case "DONE" -> {
                        return;
                    }
                    case "ERROR", "CANCELED" -> throw new VsphereException(Kind.FAULT, "", state,
                            "content library " + name + ": the update session ended " + state, null);
                    default -> {
                        if (System.nanoTime() > deadline) {
                            throw new VsphereException(Kind.TIMEOUT, "", "content library " + name
                                    + ": the update session did not finish within " + COMPLETE_TIMEOUT.toMinutes() + " min");
                        }
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new VsphereException(Kind.NETWORK, "", null, "interrupted", e);
                }
            }
        }

        /** Marks the session failed, so the item keeps what it had. Never throws. */
        public void fail() {
            try {
                rest.post(SESSION + "/id:" + session + "?~action=fail", Map.of("client_error_message", "publish failed"));
            } catch (VsphereException ignored) {
                // the session expires by itself
            }
        }
    }
}
