package io.jenkins.plugins.capi.vsphere;

import static io.jenkins.plugins.capi.config.ConfigKey.IMAGE_NAME;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_CLUSTER;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_DATACENTER;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_DATASTORE;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_FOLDER;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_NETWORK;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_PASSWORD;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_RESOURCE_POOL;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_SERVER;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_TEMPLATE;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_USER;

import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.Setting;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.vsphere.Inventory.Ambiguous;
import io.jenkins.plugins.capi.vsphere.Inventory.Datacenter;
import io.jenkins.plugins.capi.vsphere.Inventory.Found;
import io.jenkins.plugins.capi.vsphere.Inventory.Lookup;
import io.jenkins.plugins.capi.vsphere.Inventory.Missing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an image config against the real vCenter inventory before a build starts, and reports every problem
 * in one run. Each finding is keyed to the imageconfig key it is about, names the exact inventory path tried
 * and, when nothing is there, the nearest existing parent and what it contains. Rules: {@code docs/vsphere.md}.
 */
public final class Preflight {

    private final ImageConfig config;
    private final PreflightOptions options;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, String> resolved = new LinkedHashMap<>();
    private Inventory inventory;

    private Preflight(ImageConfig config, PreflightOptions options) {
        this.config = config;
        this.options = options;
    }

    /** With the vCenter credentials of a build, default timeouts and options. */
    public static PreflightReport run(ImageConfig config, BuildSecrets secrets, VsphereTls tls) {
        return run(config, secrets.vcenterUser(), secrets.vcenterPassword(), tls, VsphereTimeouts.DEFAULT,
                PreflightOptions.DEFAULT);
    }

    public static PreflightReport run(ImageConfig config, String user, String password, VsphereTls tls,
                                      VsphereTimeouts timeouts) {
        return run(config, user, password, tls, timeouts, PreflightOptions.DEFAULT);
    }

    /** Never throws for vCenter problems: an unreachable server or a wrong password is a finding too. */
    public static PreflightReport run(ImageConfig config, String user, String password, VsphereTls tls,
                                      VsphereTimeouts timeouts, PreflightOptions options) {
        return new Preflight(config, options == null ? PreflightOptions.DEFAULT : options)
                .execute(user, password, tls == null ? VsphereTls.VERIFY : tls,
                        timeouts == null ? VsphereTimeouts.DEFAULT : timeouts);
    }

    private PreflightReport execute(String user, String password, VsphereTls tls, VsphereTimeouts timeouts) {
        long start = System.nanoTime();
        String server = config.vcenterServer().strip();
        VcenterAbout about = null;
        if (server.isEmpty()) {
            error(VCENTER_SERVER, "vcenter_server is empty; pre-flight needs the vCenter to check against",
                    "set vcenter_server=HOST or HOST:PORT");
        }
        if (user == null || user.isBlank()) {
            findings.add(Finding.error(VCENTER_USER, config.locationOf(VCENTER_USER), "no vCenter user name given",
                    "set vcenter_user in the config, or supply the vCenter credentials")
                    .about(Setting.VCENTER_CREDENTIALS));
        }
        if (password == null || password.isEmpty()) {
            findings.add(Finding.error(VCENTER_PASSWORD, config.locationOf(VCENTER_PASSWORD), "no vCenter password given",
                    "supply the vCenter credentials").about(Setting.VCENTER_CREDENTIALS));
        }
        if (!findings.isEmpty()) {
            return report(server, null, start);
        }
        if (tls.insecure()) {
            findings.add(Finding.warning(VCENTER_SERVER, config.locationOf(VCENTER_SERVER), VcenterTrust.INSECURE_WARNING,
                    "trust vCenter's CA certificate (a PEM file) instead of switching verification off")
                    .about(Setting.VCENTER_TRUST));
        }
        try (VimClient client = VimClient.connect(server, tls, timeouts)) {
            client.pageSize(options.pageSize());
            about = client.about();
            if (!about.isVcenter()) {
                error(VCENTER_SERVER, "vcenter_server '" + server + "' is " + about.fullName() + " (apiType "
                        + about.apiType() + "), not a vCenter", "point vcenter_server at the vCenter that manages the hosts");
                return report(server, about, start);
            }
            info(VCENTER_SERVER, "vcenter_server '" + server + "' is " + about.fullName() + " ("
                    + about.apiType() + ", API " + about.apiVersion() + ")");
            try {
                client.login(user, password);
            } catch (VsphereException e) {
                if (e.isFault("InvalidLogin")) {
                    error(VCENTER_USER, e.getMessage(), "check the user name (e.g. user@vsphere.local) and the password");
                    return report(server, about, start);
                }
                throw e;
            }
            inventory = new Inventory(client);
            checkInventory();
        } catch (VsphereException e) {
            Finding f = Finding.error(VCENTER_SERVER, config.locationOf(VCENTER_SERVER), e.getMessage(), hintFor(e));
            findings.add(e.kind() == VsphereException.Kind.TLS ? f.about(Setting.VCENTER_TRUST) : f);
        }
        return report(server, about, start);
    }

    private PreflightReport report(String server, VcenterAbout about, long start) {
        return new PreflightReport(server, about, findings, resolved, Duration.ofNanos(System.nanoTime() - start));
    }

    private static String hintFor(VsphereException e) {
        return switch (e.kind()) {
            case DNS -> "check the spelling of vcenter_server and the agent's DNS";
            case REFUSED -> "check the host and port of vcenter_server (HOST:PORT; 443 by default)";
            case TIMEOUT -> "check that the agent can reach vCenter (firewall, proxy) or raise the timeout";
            case TLS -> "trust the vCenter CA certificate (a PEM file)";
            case FAULT -> e.isFault("NoPermission") ? "the vCenter user needs read access to the inventory" : null;
            default -> null;
        };
    }

    // ---- the inventory checks ----

    private interface Check<T> {
        T run() throws VsphereException;
    }

    /** A fault on one object (e.g. NoPermission) is that key's problem; a lost connection ends the run. */
    private <T> T guarded(ConfigKey key, Check<T> check) throws VsphereException {
        try {
            return check.run();
        } catch (VsphereException e) {
            if (e.kind() != VsphereException.Kind.FAULT) {
                throw e;
            }
            error(key, subject(key) + ": " + e.getMessage(), hintFor(e));
            return null;
        }
    }

    private void checkInventory() throws VsphereException {
        Datacenter dc = guarded(VCENTER_DATACENTER, this::checkDatacenter);
        if (dc == null) {
            info(VCENTER_DATACENTER, "cluster, resource pool, datastore, network, folder and template were not"
                    + " checked: their paths start at the datacenter");
            return;
        }
        Found cluster = guarded(VCENTER_CLUSTER, () -> checkCluster(dc));
        guarded(VCENTER_RESOURCE_POOL, () -> checkResourcePool(cluster));
        guarded(VCENTER_DATASTORE, () -> checkDatastore(dc));
        guarded(VCENTER_NETWORK, () -> checkNetwork(dc));
        String folderPath = guarded(VCENTER_FOLDER, () -> checkFolder(dc));
        guarded(IMAGE_NAME, () -> checkNameCollision(dc, folderPath));
        guarded(VCENTER_TEMPLATE, () -> checkTemplate(dc));
    }

    private Datacenter checkDatacenter() throws VsphereException {
        String value = config.vcenterDatacenter();
        Lookup lookup = inventory.datacenter(value);
        if (value.isBlank()) {
            if (lookup instanceof Found f) {
                info(VCENTER_DATACENTER, "vcenter_datacenter is empty; the only datacenter, " + f.path() + ", is used");
                resolved.put(VCENTER_DATACENTER.key(), f.path());
                return inventory.datacenterFolders(f);
            }
            List<String> all = ((Ambiguous) lookup).paths();
            error(VCENTER_DATACENTER, "vcenter_datacenter is empty and vCenter has " + all.size()
                    + " datacenters: " + Inventory.listing(all), "set vcenter_datacenter to one of them");
            return null;
        }
        Found f = expectFound(VCENTER_DATACENTER, lookup, "a datacenter name or path");
        if (f == null) {
            return null;
        }
        if (!"Datacenter".equals(f.ref().type())) {
            error(VCENTER_DATACENTER, subject(VCENTER_DATACENTER) + ": " + f.path() + " is a " + kind(f)
                    + ", not a datacenter", null);
            return null;
        }
        ok(VCENTER_DATACENTER, f, "datacenter");
        return inventory.datacenterFolders(f);
    }

    private Found checkCluster(Datacenter dc) throws VsphereException {
        String value = config.vcenterCluster();
        String base = dc.path() + "/host";
        if (value.isBlank()) {
            error(VCENTER_CLUSTER, "vcenter_cluster is empty; the builder places the VM in a cluster",
                    base + " contains " + Inventory.listing(inventory.childNames(dc.hostFolder())));
            return null;
        }
        Lookup lookup = inventory.locate(base, dc.hostFolder(), value,
                List.of("ClusterComputeResource", "ComputeResource", "HostSystem"));
        Found f = expectFound(VCENTER_CLUSTER, lookup, "a cluster name or a path relative to " + base);
        if (f == null) {
            return null;
        }
        switch (f.ref().type()) {
            case "ClusterComputeResource" -> {
                ok(VCENTER_CLUSTER, f, "cluster");
                return f;
            }
            case "ComputeResource" -> error(VCENTER_CLUSTER, subject(VCENTER_CLUSTER) + ": " + f.path()
                    + " is a standalone ESXi host (ComputeResource), not a cluster", clusterHint(dc));
            case "HostSystem" -> error(VCENTER_CLUSTER, subject(VCENTER_CLUSTER) + ": " + f.path()
                    + " is an ESXi host (HostSystem), not a cluster", clusterHint(dc));
            default -> error(VCENTER_CLUSTER, subject(VCENTER_CLUSTER) + ": " + f.path() + " is a " + kind(f)
                    + ", not a cluster", clusterHint(dc));
        }
        return null;
    }

    private String clusterHint(Datacenter dc) throws VsphereException {
        List<String> clusters = new ArrayList<>();
        for (ObjectContent o : inventory.client().findAll(dc.hostFolder(), List.of("ClusterComputeResource"),
                List.of("name"))) {
            clusters.add(o.name());
        }
        clusters.sort(String.CASE_INSENSITIVE_ORDER);
        return clusters.isEmpty() ? "datacenter " + dc.path() + " has no cluster"
                : "clusters in " + dc.path() + ": " + Inventory.listing(clusters);
    }

    private Void checkResourcePool(Found cluster) throws VsphereException {
        String value = config.vcenterResourcePool();
        if (cluster == null) {
            info(VCENTER_RESOURCE_POOL, "vcenter_resource_pool was not checked: its path starts at the cluster");
            return null;
        }
        String path = InventoryPath.isAbsolute(value) ? InventoryPath.absolute(value)
                : InventoryPath.resolve(cluster.path() + "/Resources", value);
        Lookup lookup = inventory.atPath(path);
        if (lookup instanceof Missing m) {
            String hint = "the builder would silently fall back to the cluster's root pool; set a pool below "
                    + cluster.path() + "/Resources, or leave vcenter_resource_pool empty for the root pool";
            if (value.strip().startsWith("Resources/")) {
                hint = "leave out the leading 'Resources/': the path is already relative to " + cluster.path() + "/Resources";
            }
            error(VCENTER_RESOURCE_POOL, subject(VCENTER_RESOURCE_POOL) + ": " + m.describe(), hint);
            return null;
        }
        Found f = (Found) lookup;
        String type = f.ref().type();
        if (!"ResourcePool".equals(type) && !"VirtualApp".equals(type)) {
            error(VCENTER_RESOURCE_POOL, subject(VCENTER_RESOURCE_POOL) + ": " + f.path() + " is a " + kind(f)
                    + ", not a resource pool", null);
            return null;
        }
        if (value.isBlank()) {
            info(VCENTER_RESOURCE_POOL, "vcenter_resource_pool is empty; the cluster's root pool " + f.path()
                    + " is used");
            resolved.put(VCENTER_RESOURCE_POOL.key(), f.path());
        } else {
            ok(VCENTER_RESOURCE_POOL, f, "resource pool");
        }
        return null;
    }

    private Void checkDatastore(Datacenter dc) throws VsphereException {
        String value = config.vcenterDatastore();
        String base = dc.path() + "/datastore";
        if (value.isBlank()) {
            error(VCENTER_DATASTORE, "vcenter_datastore is empty; the builder needs a datastore for the VM",
                    base + " contains " + Inventory.listing(inventory.childNames(dc.datastoreFolder())));
            return null;
        }
        Lookup lookup = inventory.locate(base, dc.datastoreFolder(), value, List.of("Datastore", "StoragePod"));
        Found f = expectFound(VCENTER_DATASTORE, lookup, "a datastore name or a path relative to " + base);
        if (f == null) {
            return null;
        }
        if ("StoragePod".equals(f.ref().type())) {
            error(VCENTER_DATASTORE, subject(VCENTER_DATASTORE) + ": " + f.path()
                    + " is a datastore cluster (StoragePod), not a datastore",
                    "name one of its datastores: " + Inventory.listing(inventory.childNames(f.ref())));
            return null;
        }
        if (!"Datastore".equals(f.ref().type())) {
            error(VCENTER_DATASTORE, subject(VCENTER_DATASTORE) + ": " + f.path() + " is a " + kind(f)
                    + ", not a datastore", null);
            return null;
        }
        ObjectContent ds = inventory.client().retrieveOne(f.ref(), List.of("summary.accessible",
                "summary.maintenanceMode", "summary.freeSpace", "summary.capacity"));
        boolean healthy = true;
        if (ds.values().containsKey("summary.accessible") && !ds.bool("summary.accessible")) {
            error(VCENTER_DATASTORE, subject(VCENTER_DATASTORE) + ": datastore " + f.path()
                    + " is not accessible", "check its hosts' connection to the storage");
            healthy = false;
        }
        String maintenance = ds.text("summary.maintenanceMode").orElse("normal");
        if (!"normal".equals(maintenance)) {
            error(VCENTER_DATASTORE, subject(VCENTER_DATASTORE) + ": datastore " + f.path()
                    + " is in maintenance mode (" + maintenance + ")", "wait for the maintenance to end or pick another datastore");
            healthy = false;
        }
        long free = ds.longValue("summary.freeSpace", -1);
        long capacity = ds.longValue("summary.capacity", -1);
        if (free >= 0 && free < options.minFreeBytes()) {
            findings.add(Finding.error(VCENTER_DATASTORE, config.locationOf(VCENTER_DATASTORE), subject(VCENTER_DATASTORE)
                    + ": datastore " + f.path() + " has " + gib(free) + " free, less than the "
                    + gib(options.minFreeBytes()) + " a build needs",
                    "free space on it, pick another datastore, or lower the required free space")
                    .about(Setting.DATASTORE_FREE_SPACE));
            healthy = false;
        }
        if (healthy) {
            info(VCENTER_DATASTORE, subject(VCENTER_DATASTORE) + " is datastore " + f.path() + " ("
                    + gib(free) + " free of " + gib(capacity) + ")");
        }
        resolved.put(VCENTER_DATASTORE.key(), f.path());
        return null;
    }

    private Void checkNetwork(Datacenter dc) throws VsphereException {
        String value = config.vcenterNetwork();
        String base = dc.path() + "/network";
        if (value.isBlank()) {
            error(VCENTER_NETWORK, "vcenter_network is empty; the build VM needs a network",
                    base + " contains " + Inventory.listing(inventory.childNames(dc.networkFolder())));
            return null;
        }
        Lookup lookup = inventory.locate(base, dc.networkFolder(), value,
                List.of("Network", "DistributedVirtualSwitch"));
        Found f = expectFound(VCENTER_NETWORK, lookup, "a network or port group name, or a path relative to " + base);
        if (f == null) {
            return null;
        }
        switch (f.ref().type()) {
            case "Network", "DistributedVirtualPortgroup", "OpaqueNetwork" -> ok(VCENTER_NETWORK, f, "network");
            case "DistributedVirtualSwitch", "VmwareDistributedVirtualSwitch" -> {
                List<MoRef> groups = inventory.client().retrieveOne(f.ref(), List.of("portgroup")).refs("portgroup");
                error(VCENTER_NETWORK, subject(VCENTER_NETWORK) + ": " + f.path()
                        + " is a distributed switch, not a network", "name one of its port groups: "
                        + Inventory.listing(inventory.namesOf(groups)));
            }
            default -> error(VCENTER_NETWORK, subject(VCENTER_NETWORK) + ": " + f.path() + " is a " + kind(f)
                    + ", not a network", null);
        }
        return null;
    }

    /** @return the folder's path when it exists, else null */
    private String checkFolder(Datacenter dc) throws VsphereException {
        String value = config.vcenterFolder();
        String base = dc.path() + "/vm";
        if (value.isBlank()) {
            info(VCENTER_FOLDER, "vcenter_folder is empty; the VM goes to " + base);
            resolved.put(VCENTER_FOLDER.key(), base);
            return base;
        }
        // The builder always reads the folder relative to the datacenter's vm folder, even with a leading '/'.
        String path = InventoryPath.resolve(base, value);
        if (InventoryPath.absolute(value).startsWith(base + "/")) {
            warning(VCENTER_FOLDER, subject(VCENTER_FOLDER) + " looks like a full inventory path, but the builder"
                    + " reads it relative to " + base + " (as " + path + ")", "write only the part after " + base + "/");
        }
        Lookup lookup = inventory.atPath(path);
        if (lookup instanceof Missing m) {
            warning(VCENTER_FOLDER, subject(VCENTER_FOLDER) + ": " + m.describe() + "; the build will create it",
                    "check the spelling if you meant an existing folder; creating folders needs the Folder.Create privilege");
            return null;
        }
        Found f = (Found) lookup;
        if (!"Folder".equals(f.ref().type())
                || !inventory.client().retrieveOne(f.ref(), List.of("childType")).strings("childType")
                        .contains("VirtualMachine")) {
            error(VCENTER_FOLDER, subject(VCENTER_FOLDER) + ": " + f.path() + " is a " + kind(f)
                    + ", not a VM folder", null);
            return null;
        }
        ok(VCENTER_FOLDER, f, "VM folder");
        return f.path();
    }

    private Void checkNameCollision(Datacenter dc, String folderPath) throws VsphereException {
        String name = config.imageName().strip();
        if (name.isEmpty()) {
            return null;
        }
        List<String> clashes = new ArrayList<>();
        if (config.vcenterFolder().isBlank() || folderPath != null) {
            for (Found vm : inventory.virtualMachinesNamed(dc, config.vcenterFolder(), name)) {
                clashes.add(describeVm(inventory.client().retrieveOne(vm.ref(), List.of("config.template")), vm.path()));
            }
        }
        if (clashes.isEmpty()) {
            info(IMAGE_NAME, "no VM or template named '" + name + "' in " + (config.vcenterFolder().isBlank()
                    ? dc.path() + "/vm or below" : folderPath == null ? "the folder to be created" : folderPath));
            return null;
        }
        error(IMAGE_NAME, subject(IMAGE_NAME) + ": " + String.join("; ", clashes)
                        + "; the build would stop with 'already exists'",
                "delete or rename it in vCenter, or change image_name");
        return null;
    }

    private static String describeVm(ObjectContent vm, String path) {
        return (vm.bool("config.template") ? "a template" : "a VM") + " already exists at " + path + " ("
                + vm.ref().value() + ")";
    }

    private Void checkTemplate(Datacenter dc) throws VsphereException {
        String value = config.vcenterTemplate();
        if (value.isBlank()) {
            return null;
        }
        String base = dc.path() + "/vm";
        Lookup lookup;
        if (InventoryPath.absolute(value).startsWith(base + "/")) {
            lookup = inventory.atPath(InventoryPath.absolute(value)); // "DC/vm/…" written without the leading '/'
        } else {
            lookup = inventory.locate(base, dc.vmFolder(), value, List.of("VirtualMachine"));
        }
        Found f = expectFound(VCENTER_TEMPLATE, lookup, "a template name, a path relative to " + base
                + " or a full inventory path");
        if (f == null) {
            return null;
        }
        if (!"VirtualMachine".equals(f.ref().type())) {
            error(VCENTER_TEMPLATE, subject(VCENTER_TEMPLATE) + ": " + f.path() + " is a " + kind(f)
                    + ", not a VM or template", null);
            return null;
        }
        if (inventory.client().retrieveOne(f.ref(), List.of("config.template")).bool("config.template")) {
            ok(VCENTER_TEMPLATE, f, "template");
        } else {
            warning(VCENTER_TEMPLATE, subject(VCENTER_TEMPLATE) + ": " + f.path() + " (" + f.ref().value()
                    + ") is a VM, not a template", "the builder clones it as it is; mark it as a template if that is what you meant");
            resolved.put(VCENTER_TEMPLATE.key(), f.path());
        }
        return null;
    }

    // ---- findings ----

    private Found expectFound(ConfigKey key, Lookup lookup, String expected) {
        if (lookup instanceof Found f) {
            return f;
        }
        if (lookup instanceof Missing m) {
            error(key, subject(key) + ": " + m.describe(), "expected " + expected);
        } else if (lookup instanceof Ambiguous a) {
            error(key, subject(key) + ": the name matches " + a.paths().size() + " objects: "
                    + Inventory.listing(a.paths()), "write the path instead of the bare name");
        }
        return null;
    }

    private void ok(ConfigKey key, Found f, String what) {
        info(key, subject(key) + " is " + what + " " + f.path() + " (" + f.ref().value() + ")");
        resolved.put(key.key(), f.path());
    }

    private String subject(ConfigKey key) {
        return key + " '" + config.get(key) + "'";
    }

    private static String kind(Found f) {
        return f.ref().type();
    }

    /** One decimal, rounded half up; plain arithmetic, since a Formatter's locale data costs a CLI run ~20 ms. */
    static String gib(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        long gib = 1L << 30;
        long tenths = bytes / gib * 10 + ((bytes % gib) * 10 + gib / 2) / gib;
        return tenths / 10 + "." + tenths % 10 + " GiB";
    }

    private void error(ConfigKey key, String message, String hint) {
        findings.add(Finding.error(key, config.locationOf(key), message, hint));
    }

    private void warning(ConfigKey key, String message, String hint) {
        findings.add(Finding.warning(key, config.locationOf(key), message, hint));
    }

    private void info(ConfigKey key, String message) {
        findings.add(new Finding(Severity.INFO, key.key(), config.locationOf(key), message, null));
    }
}
