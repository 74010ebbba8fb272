package io.jenkins.plugins.capi.vsphere;

import static io.jenkins.plugins.capi.vsphere.SoapXml.el;
import static io.jenkins.plugins.capi.vsphere.SoapXml.refEl;
import static io.jenkins.plugins.capi.vsphere.SoapXml.wrap;

import java.time.Duration;

/**
 * Test-side changes to a simulator's inventory after it started (what a builder would do while a test runs):
 * creating VMs, powering them on. Production code never creates VMs this way.
 */
public final class SimulatorVms {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private SimulatorVms() {}

    /** Creates a small VM in an existing folder (an absolute inventory path) on the first cluster's root pool. */
    public static MoRef create(VimClient client, String folderPath, String name, boolean poweredOn) throws VsphereException {
        MoRef folder = client.findByInventoryPath(folderPath).orElseThrow(() -> new IllegalArgumentException(folderPath));
        MoRef pool = client.findByInventoryPath("/DC0/host/DC0_C0/Resources").orElseThrow();
        String spec = wrap("config", el("name", name) + el("guestId", "rhel8_64Guest")
                + wrap("files", el("vmPathName", "[LocalDS_0]")) + el("numCPUs", "1") + el("memoryMB", "64"));
        MoRef vm = Task.run(client, "CreateVM_Task", folder, spec + refEl("pool", pool), "creating " + name, TIMEOUT)
                .map(SoapXml::refOf).orElseThrow();
        vm = new MoRef("VirtualMachine", vm.value());
        if (poweredOn) {
            Task.run(client, "PowerOnVM_Task", vm, "", "powering on " + name, TIMEOUT);
        }
        return vm;
    }

    public static MoRef folder(VimClient client, String parentPath, String name) throws VsphereException {
        MoRef parent = client.findByInventoryPath(parentPath).orElseThrow();
        return SoapXml.refOf(client.invoke("CreateFolder", parent, el("name", name)));
    }
}
