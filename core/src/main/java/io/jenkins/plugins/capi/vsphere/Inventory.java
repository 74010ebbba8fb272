package io.jenkins.plugins.capi.vsphere;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds inventory objects the way the image builder (Packer's vsphere plugin, through govmomi's finder) will:
 * by absolute path, by path relative to a datacenter folder, or by a bare name searched below that folder.
 * When nothing is found it works out the nearest existing parent and what it contains.
 */
final class Inventory {

    /** At most this many child names are listed in a message. */
    static final int MAX_LISTED = 25;

    sealed interface Lookup permits Found, Missing, Ambiguous {}

    record Found(MoRef ref, String path) implements Lookup {}

    /** Nothing at {@code path}; {@code nearestPath} is the deepest existing parent, with its children's names. */
    record Missing(String path, String nearestPath, List<String> nearestChildren) implements Lookup {
        String describe() {
            return "nothing at " + path + "; " + ("/".equals(nearestPath) ? "the inventory root" : nearestPath)
                    + " contains " + listing(nearestChildren);
        }
    }

    record Ambiguous(String name, List<String> paths) implements Lookup {}

    private final VimClient client;

    Inventory(VimClient client) {
        this.client = client;
    }

    VimClient client() {
        return client;
    }

    static String listing(List<String> names) {
        if (names.isEmpty()) {
            return "nothing";
        }
        List<String> shown = names.size() > MAX_LISTED ? names.subList(0, MAX_LISTED) : names;
        String s = String.join(", ", shown);
        return names.size() > MAX_LISTED ? s + " … and " + (names.size() - MAX_LISTED) + " more" : s;
    }

    /** The object at an absolute, escaped path, or where the path stops existing. */
    Lookup atPath(String path) throws VsphereException {
        Optional<MoRef> ref = client.findByInventoryPath(path);
        if (ref.isPresent()) {
            return new Found(ref.get(), path);
        }
        return missing(path);
    }

    private Missing missing(String path) throws VsphereException {
        String parent = InventoryPath.parent(path);
        while (!InventoryPath.ROOT.equals(parent)) {
            Optional<MoRef> ref = client.findByInventoryPath(parent);
            if (ref.isPresent()) {
                return new Missing(path, parent, childNames(ref.get()));
            }
            parent = InventoryPath.parent(parent);
        }
        return new Missing(path, InventoryPath.ROOT, childNames(client.serviceContent().rootFolder()));
    }

    /**
     * A user value for an object that lives below {@code basePath} (e.g. {@code /DC0/datastore}): absolute when
     * it starts with {@code /}, else relative to the base; a bare name not directly below the base is searched
     * recursively below {@code baseFolder} among {@code types}, and must match exactly once.
     */
    Lookup locate(String basePath, MoRef baseFolder, String value, List<String> types) throws VsphereException {
        if (InventoryPath.isAbsolute(value)) {
            return atPath(InventoryPath.absolute(value));
        }
        String direct = InventoryPath.resolve(basePath, value);
        Optional<MoRef> atDirect = client.findByInventoryPath(direct);
        if (atDirect.isPresent()) {
            return new Found(atDirect.get(), direct);
        }
        if (InventoryPath.hasSeparator(value) || baseFolder == null) {
            return missing(direct);
        }
        String name = InventoryPath.escapeElement(value.strip().replace("/", ""));
        // A view over a type and its subtype lists an object once per matching type; keep each once.
        Set<MoRef> found = new LinkedHashSet<>();
        for (ObjectContent o : client.findAll(baseFolder, types, List.of("name"))) {
            if (name.equals(o.name())) {
                found.add(o.ref());
            }
        }
        List<MoRef> matches = new ArrayList<>(found);
        if (matches.isEmpty()) {
            return missing(direct);
        }
        if (matches.size() == 1) {
            return new Found(matches.get(0), pathOf(matches.get(0)));
        }
        List<String> paths = new ArrayList<>();
        for (MoRef m : matches) {
            paths.add(pathOf(m));
        }
        return new Ambiguous(value.strip(), paths);
    }

    /** A datacenter and its four fixed folders. */
    record Datacenter(MoRef ref, String path, MoRef vmFolder, MoRef hostFolder, MoRef datastoreFolder,
                      MoRef networkFolder) {}

    /**
     * The datacenter a config names: by name or path (a bare name is also searched in datacenter folders); when
     * {@code value} is empty, the only datacenter there is, or {@link Ambiguous} with all of them.
     */
    Lookup datacenter(String value) throws VsphereException {
        MoRef root = client.serviceContent().rootFolder();
        if (value == null || value.isBlank()) {
            Set<MoRef> all = new LinkedHashSet<>();
            for (ObjectContent o : client.findAll(root, List.of("Datacenter"), List.of("name"))) {
                all.add(o.ref());
            }
            if (all.size() == 1) {
                MoRef only = all.iterator().next();
                return new Found(only, pathOf(only));
            }
            List<String> paths = new ArrayList<>();
            for (MoRef dc : all) {
                paths.add(pathOf(dc));
            }
            return new Ambiguous("", paths);
        }
        return locate(InventoryPath.ROOT, root, value, List.of("Datacenter"));
    }

    /**
     * The datacenter a config names, for work after the pre-flight (which reports the details): anything but
     * exactly one datacenter is invalid input.
     */
    Datacenter configuredDatacenter(String value) throws VsphereException {
        Lookup lookup = datacenter(value);
        if (!(lookup instanceof Found dc) || !"Datacenter".equals(dc.ref().type())) {
            throw new VsphereException(VsphereException.Kind.INVALID_INPUT, client.endpoint().toString(),
                    "vCenter " + client.endpoint() + ": vcenter_datacenter '" + (value == null ? "" : value)
                            + "' does not name exactly one datacenter; run the pre-flight check for the details");
        }
        return datacenterFolders(dc);
    }

    Datacenter datacenterFolders(Found dc) throws VsphereException {
        ObjectContent o = client.retrieveOne(dc.ref(),
                List.of("vmFolder", "hostFolder", "datastoreFolder", "networkFolder"));
        return new Datacenter(dc.ref(), dc.path(), o.ref("vmFolder").orElse(null), o.ref("hostFolder").orElse(null),
                o.ref("datastoreFolder").orElse(null), o.ref("networkFolder").orElse(null));
    }

    /**
     * The VMs and templates called {@code name} where the builder creates its VM: in {@code folder} (as
     * {@code vcenter_folder} is written, relative to {@code <DC>/vm}); with a blank folder anywhere below the
     * datacenter's vm folder, which is where the builder's finder looks then. One lookup for the pre-flight's
     * name collision, the template facts and the check for a build VM left behind.
     */
    List<Found> virtualMachinesNamed(Datacenter dc, String folder, String name) throws VsphereException {
        List<Found> out = new ArrayList<>();
        if (folder != null && !folder.isBlank()) {
            String path = InventoryPath.child(InventoryPath.resolve(dc.path() + "/vm", folder), name);
            client.findByInventoryPath(path).filter(r -> "VirtualMachine".equals(r.type()))
                    .ifPresent(r -> out.add(new Found(r, path)));
            return out;
        }
        String escaped = InventoryPath.escapeElement(name.strip());
        for (ObjectContent o : client.findAll(dc.vmFolder(), List.of("VirtualMachine"), List.of("name"))) {
            if (escaped.equals(o.name())) {
                out.add(new Found(o.ref(), pathOf(o.ref())));
            }
        }
        return out;
    }

    /** The inventory path of an object, by walking up its parents. */
    String pathOf(MoRef ref) throws VsphereException {
        List<String> names = new ArrayList<>();
        MoRef current = ref;
        MoRef root = client.serviceContent().rootFolder();
        for (int depth = 0; current != null && !current.equals(root) && depth < 64; depth++) {
            ObjectContent o = client.retrieveOne(current, List.of("name", "parent"));
            names.add(0, o.name());
            current = o.ref("parent").orElse(null);
        }
        return "/" + String.join("/", names);
    }

    /** Names of what sits below an object in inventory paths. */
    List<String> childNames(MoRef parent) throws VsphereException {
        List<MoRef> children = new ArrayList<>();
        switch (parent.type()) {
            case "Datacenter" -> {
                return List.of("vm", "host", "datastore", "network");
            }
            case "Folder", "StoragePod" -> children.addAll(
                    client.retrieveOne(parent, List.of("childEntity")).refs("childEntity"));
            case "ClusterComputeResource", "ComputeResource" -> {
                ObjectContent o = client.retrieveOne(parent, List.of("host", "resourcePool"));
                children.addAll(o.refs("host"));
                o.ref("resourcePool").ifPresent(children::add);
            }
            case "ResourcePool", "VirtualApp" -> children.addAll(
                    client.retrieveOne(parent, List.of("resourcePool")).refs("resourcePool"));
            default -> {
                return List.of();
            }
        }
        List<String> names = new ArrayList<>();
        for (ObjectContent o : client.retrieve(children, List.of("name"))) {
            names.add(o.name());
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    /** The names of objects, e.g. a switch's port groups. */
    List<String> namesOf(List<MoRef> refs) throws VsphereException {
        List<String> names = new ArrayList<>();
        for (ObjectContent o : client.retrieve(refs, List.of("name"))) {
            names.add(o.name());
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }
}
