package io.jenkins.plugins.capi.vsphere;

import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.metadata.TemplateMetadata.VcenterFacts;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.vsphere.Inventory.Found;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

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
            Inventory.Datacenter dc = inventory.configuredDatacenter(config.vcenterDatacenter());
            List<Found> matches = inventory.virtualMachinesNamed(dc, config.vcenterFolder(), name);
            Optional<Found> vm = matches.size() == 1 ? Optional.of(matches.get(0))
                    // several in the datacenter: the one directly in its vm folder is where the builder put it
                    : matches.stream().filter(f -> f.path().equals(InventoryPath.child(dc.path() + "/vm", name))).findFirst();
            if (vm.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(facts(client, vm.get().ref(), vm.get().path()));
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
                diskBytes(o.children("config.hardware.device")), o.instant(CREATE_DATE).orElse(null),
                // A plain VM under the artifact's name is the build VM the builder left in vCenter.
                !template);
    }

    private static long diskBytes(List<Element> devices) {
        long total = 0;
        for (Element d : devices) {
            String type = d.getAttributeNS(SoapXml.XSI_NS, "type");
            if (!type.endsWith("VirtualDisk")) {
                continue;
            }
            String bytes = SoapXml.childText(d, "capacityInBytes");
            String kb = SoapXml.childText(d, "capacityInKB");
            try {
                total += bytes != null ? Long.parseLong(bytes) : kb != null ? Long.parseLong(kb) * 1024 : 0;
            } catch (NumberFormatException ignored) {
                // an unreadable size counts as zero rather than failing the whole lookup
            }
        }
        return total;
    }
}
