package io.jenkins.plugins.capi.vsphere;

import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.metadata.TemplateMetadata.VcenterFacts;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.vsphere.Inventory.Found;
import io.jenkins.plugins.capi.vsphere.Inventory.Lookup;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * After a build: what vCenter says about the VM or template it produced, found by name in the configured
 * datacenter and folder (the same path rules as {@link Preflight}).
 */
public final class TemplateFacts {

    private static final List<String> FACT_PATHS = List.of("name", "config.template", "config.guestId",
            "config.hardware.numCPU", "config.hardware.memoryMB", "config.hardware.device");
    private static final String CREATE_DATE = "config.createDate";

    private TemplateFacts() {}

    /** With the vCenter credentials of a build and default timeouts. */
    public static Optional<VcenterFacts> lookup(ImageConfig config, String artifactId, BuildSecrets secrets,
                                                VsphereTls tls) throws VsphereException {
        return lookup(config, artifactId, secrets.vcenterUser(), secrets.vcenterPassword(), tls, VsphereTimeouts.DEFAULT);
    }

    /**
     * @param artifactId the packer manifest's {@code artifact_id} (the VM name); when blank, {@code image_name}
     * @return the facts, or empty when no VM or template of that name is in the target folder (with an empty
     *         {@code vcenter_folder}: anywhere in the datacenter)
     * @throws VsphereException when vCenter cannot be reached, the login fails or the datacenter is unknown
     */
    public static Optional<VcenterFacts> lookup(ImageConfig config, String artifactId, String user, String password,
                                                VsphereTls tls, VsphereTimeouts timeouts) throws VsphereException {
        String name = artifactId != null && !artifactId.isBlank() ? artifactId.strip() : config.imageName().strip();
        if (name.isEmpty()) {
            throw new VsphereException(VsphereException.Kind.INVALID_INPUT, config.vcenterServer(),
                    "no VM name to look up: neither artifact_id nor image_name is set");
        }
        try (VimClient client = VimClient.connect(config.vcenterServer(), tls, timeouts)) {
            client.login(user, password);
            Inventory inventory = new Inventory(client);
            Lookup dcLookup = inventory.datacenter(config.vcenterDatacenter());
            if (!(dcLookup instanceof Found dc) || !"Datacenter".equals(dc.ref().type())) {
                throw new VsphereException(VsphereException.Kind.INVALID_INPUT, client.endpoint().toString(),
                        "vCenter " + client.endpoint() + ": vcenter_datacenter '" + config.vcenterDatacenter()
                                + "' does not name exactly one datacenter");
            }
            Inventory.Datacenter folders = inventory.datacenterFolders(dc);
            String folderPath = InventoryPath.resolve(dc.path() + "/vm", config.vcenterFolder());
            String path = InventoryPath.child(folderPath, name);
            Optional<MoRef> ref = client.findByInventoryPath(path).filter(r -> "VirtualMachine".equals(r.type()));
            if (ref.isEmpty() && config.vcenterFolder().isBlank()) {
                String escaped = InventoryPath.escapeElement(name);
                List<MoRef> matches = new ArrayList<>();
                for (ObjectContent o : client.findAll(folders.vmFolder(), List.of("VirtualMachine"), List.of("name"))) {
                    if (escaped.equals(o.name())) {
                        matches.add(o.ref());
                    }
                }
                if (matches.size() == 1) {
                    ref = Optional.of(matches.get(0));
                    path = inventory.pathOf(matches.get(0));
                }
            }
            if (ref.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(facts(client, ref.get(), path));
        }
    }

    private static VcenterFacts facts(VimClient client, MoRef vm, String path) throws VsphereException {
        List<String> paths = new ArrayList<>(FACT_PATHS);
        paths.add(CREATE_DATE);
        ObjectContent o;
        try {
            o = client.retrieveOne(vm, paths);
        } catch (VsphereException e) {
            if (!e.isFault("InvalidProperty")) {
                throw e;
            }
            o = client.retrieveOne(vm, FACT_PATHS); // vCenter before 6.7 has no createDate
        }
        boolean template = o.bool("config.template");
        return new VcenterFacts(vm.value(), path, template, o.text("config.guestId").orElse(null),
                (int) o.longValue("config.hardware.numCPU", 0), o.longValue("config.hardware.memoryMB", 0),
                diskBytes(o.children("config.hardware.device")), createDate(o.text(CREATE_DATE).orElse(null)),
                // A plain VM under the artifact's name is the build VM the builder left in vCenter.
                !template);
    }

    private static long diskBytes(List<Element> devices) {
        long total = 0;
        for (Element d : devices) {
            String type = d.getAttributeNS(VimClient.XSI_NS, "type");
            if (!type.endsWith("VirtualDisk")) {
                continue;
            }
            String bytes = childText(d, "capacityInBytes");
            String kb = childText(d, "capacityInKB");
            try {
                total += bytes != null ? Long.parseLong(bytes) : kb != null ? Long.parseLong(kb) * 1024 : 0;
            } catch (NumberFormatException ignored) {
                // an unreadable size counts as zero rather than failing the whole lookup
            }
        }
        return total;
    }

    private static String childText(Element parent, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    private static Instant createDate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
