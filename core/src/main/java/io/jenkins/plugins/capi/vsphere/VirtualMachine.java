package io.jenkins.plugins.capi.vsphere;

import static io.jenkins.plugins.capi.vsphere.SoapXml.el;
import static io.jenkins.plugins.capi.vsphere.SoapXml.refEl;
import static io.jenkins.plugins.capi.vsphere.SoapXml.wrap;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One VM or template in one session, and the changes this tool makes to it. */
public final class VirtualMachine {

    /** How long a VM task may take; cloning copies disks, so it gets longer. */
    static final Duration TASK_TIMEOUT = Duration.ofMinutes(10);
    static final Duration CLONE_TIMEOUT = Duration.ofHours(2);

    private static final List<String> STATE_PATHS = List.of("name", "runtime.powerState", "config.template",
            "config.annotation", "parent", "resourcePool");
    private static final String CREATE_DATE = "config.createDate";

    private final VimClient client;
    private final MoRef ref;

    /**
     * What a VM is right now.
     *
     * @param powerState {@code poweredOn}, {@code poweredOff} or {@code suspended}
     * @param createDate when vCenter created it; null before vSphere 6.7
     * @param annotation the notes shown in the vSphere client; empty when none
     */
    public record State(MoRef ref, String name, String powerState, boolean template, Instant createDate,
                        String annotation, MoRef parent, MoRef resourcePool) {
        public boolean poweredOff() {
            return "poweredOff".equals(powerState);
        }
    }

    private VirtualMachine(VimClient client, MoRef ref) {
        if (!"VirtualMachine".equals(ref.type())) {
            throw new IllegalArgumentException(ref + " is not a VirtualMachine");
        }
        this.client = client;
        this.ref = ref;
    }

    public static VirtualMachine of(VimClient client, MoRef ref) {
        return new VirtualMachine(client, ref);
    }

    public MoRef ref() {
        return ref;
    }

    public State state() throws VsphereException {
        ObjectContent o;
        boolean hasCreateDate = true;
        try {
            o = client.retrieveOne(ref, concat(STATE_PATHS, CREATE_DATE));
        } catch (VsphereException e) {
            if (!e.isFault("InvalidProperty")) {
                throw e;
            }
            o = client.retrieveOne(ref, STATE_PATHS); // vCenter before 6.7 has no createDate
            hasCreateDate = false;
        }
        return new State(ref, o.name(), o.text("runtime.powerState").orElse("unknown"), o.bool("config.template"),
                hasCreateDate ? o.instant(CREATE_DATE).orElse(null) : null,
                o.text("config.annotation").orElse(""), o.ref("parent").orElse(null),
                o.ref("resourcePool").orElse(null));
    }

    /** Powers the VM off (a hard power-off, as Packer's clean-up does); nothing when it already is off. */
    public void powerOff() throws VsphereException {
        if (!state().poweredOff()) {
            Task.run(client, "PowerOffVM_Task", ref, "", "powering off " + ref.value(), TASK_TIMEOUT);
        }
    }

    /** Deletes the VM or template and its files. */
    public void destroy() throws VsphereException {
        Task.run(client, "Destroy_Task", ref, "", "deleting " + ref.value(), TASK_TIMEOUT);
    }

    public void markAsTemplate() throws VsphereException {
        client.invoke("MarkAsTemplate", ref, "");
    }

    public void rename(String newName) throws VsphereException {
        Task.run(client, "Rename_Task", ref, el("newName", newName), "renaming " + ref.value() + " to '" + newName
                + "'", TASK_TIMEOUT);
    }

    /** Replaces the VM's notes ({@code config.annotation}). Only VMs can be reconfigured, not templates. */
    public void annotate(String annotation) throws VsphereException {
        Task.run(client, "ReconfigVM_Task", ref, wrap("spec", el("annotation", annotation)),
                "setting the notes of " + ref.value(), TASK_TIMEOUT);
    }

    /**
     * Clones this VM to a new, powered-off VM (not yet a template, so its notes can still be set).
     *
     * @param pool      the resource pool for the clone; required by vCenter when the source is itself a template
     * @param datastore where the clone's disks go; null for the source's datastore
     * @return the clone
     */
    public VirtualMachine cloneToVm(MoRef folder, String name, MoRef pool, MoRef datastore)
            throws VsphereException {
        StringBuilder location = new StringBuilder();
        if (datastore != null) {
            location.append(refEl("datastore", datastore));
        }
        if (pool != null) {
            location.append(refEl("pool", pool));
        }
        String spec = wrap("spec", wrap("location", location.toString()) + el("template", "false")
                + el("powerOn", "false"));
        Optional<org.w3c.dom.Element> result = Task.run(client, "CloneVM_Task", ref,
                refEl("folder", folder) + el("name", name) + spec, "cloning " + ref.value() + " to '" + name + "'",
                CLONE_TIMEOUT);
        MoRef created = result.map(SoapXml::refOf).orElseThrow(() -> client.transport().protocol(
                "CloneVM_Task finished without the new VM"));
        return new VirtualMachine(client, new MoRef("VirtualMachine", created.value()));
    }

    private static List<String> concat(List<String> a, String b) {
        return java.util.stream.Stream.concat(a.stream(), java.util.stream.Stream.of(b)).toList();
    }
}
