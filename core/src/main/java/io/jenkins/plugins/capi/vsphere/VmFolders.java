package io.jenkins.plugins.capi.vsphere;

import static io.jenkins.plugins.capi.vsphere.SoapXml.el;

import java.util.List;

/** VM folders by inventory path, created when missing (as the builder creates {@code vcenter_folder}). */
public final class VmFolders {

    private VmFolders() {}

    /**
     * The folder at {@code path} (absolute, escaped, below a datacenter's {@code vm} folder), creating each missing
     * element under its parent.
     */
    public static MoRef ensure(VimClient client, String path) throws VsphereException {
        var existing = client.findByInventoryPath(path);
        if (existing.isPresent()) {
            return existing.get();
        }
        String parent = InventoryPath.parent(path);
        if (InventoryPath.ROOT.equals(parent)) {
            throw new VsphereException(VsphereException.Kind.INVALID_INPUT, client.endpoint().toString(),
                    "vCenter " + client.endpoint() + ": " + path + " is not below a datacenter's vm folder");
        }
        MoRef parentRef = ensure(client, parent);
        String name = path.substring(path.lastIndexOf('/') + 1);
        // The element is escaped in the path; vCenter takes the name as the user means it.
        String plain = name.replace("%2f", "/").replace("%2F", "/").replace("%5c", "\\").replace("%5C", "\\")
                .replace("%25", "%");
        return SoapXml.refOf(client.invoke("CreateFolder", parentRef, el("name", plain)));
    }

    /** The VMs and templates directly in a folder, with {@code paths}. */
    public static List<ObjectContent> virtualMachinesIn(VimClient client, MoRef folder, List<String> paths)
            throws VsphereException {
        List<MoRef> vms = client.retrieveOne(folder, List.of("childEntity")).refs("childEntity").stream()
                .filter(r -> "VirtualMachine".equals(r.type())).toList();
        return client.retrieve(vms, paths);
    }
}
