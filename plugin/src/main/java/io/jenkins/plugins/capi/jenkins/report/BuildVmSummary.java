package io.jenkins.plugins.capi.jenkins.report;

import io.jenkins.plugins.capi.vsphere.BuildVmReport;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What the check for the VM a failed build left in vCenter found, and what it did: our own copy of core's
 * {@link BuildVmReport}, with core's lines for the log and the page.
 */
@ExportedBean(defaultVisibility = 3)
public final class BuildVmSummary implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String server;
    private final String vmName;
    private final String searchedIn;
    private final boolean cleanUp;
    // ArrayLists on purpose: they cross the agent channel (JEP-200) and are stored in build.xml (XStream).
    private final ArrayList<Vm> vms;
    private final ArrayList<String> lines;
    private final int remaining;

    public BuildVmSummary(
            String server,
            String vmName,
            String searchedIn,
            boolean cleanUp,
            List<Vm> vms,
            List<String> lines,
            int remaining) {
        this.server = server;
        this.vmName = vmName;
        this.searchedIn = searchedIn;
        this.cleanUp = cleanUp;
        this.vms = vms == null ? new ArrayList<>() : new ArrayList<>(vms);
        this.lines = lines == null ? new ArrayList<>() : new ArrayList<>(lines);
        this.remaining = remaining;
    }

    /** Copies core's report (agent side); null for null. */
    public static BuildVmSummary of(BuildVmReport r) {
        if (r == null) {
            return null;
        }
        List<Vm> vms = r.vms().stream()
                .map(v -> new Vm(
                        v.managedObjectId(),
                        v.inventoryPath(),
                        v.powerState(),
                        v.template(),
                        v.createDate() == null ? null : v.createDate().toString(),
                        v.disposition().name(),
                        v.problem()))
                .toList();
        return new BuildVmSummary(
                r.server(),
                r.vmName(),
                r.searchedIn(),
                r.cleanUp(),
                vms,
                r.lines(),
                r.remaining().size());
    }

    BuildVmSummary masked(UnaryOperator<String> mask) {
        return new BuildVmSummary(
                server,
                vmName,
                searchedIn,
                cleanUp,
                vms.stream().map(v -> v.masked(mask)).toList(),
                lines.stream().map(mask).toList(),
                remaining);
    }

    @Exported
    public String getServer() {
        return server;
    }

    /** The VM name the builder uses. */
    @Exported
    public String getVmName() {
        return vmName;
    }

    /** The inventory path that was searched. */
    @Exported
    public String getSearchedIn() {
        return searchedIn;
    }

    /** Whether powering off and deleting was asked for ({@code removeBuildVm}). */
    @Exported
    public boolean isCleanUp() {
        return cleanUp;
    }

    @Exported
    public List<Vm> getVms() {
        return Collections.unmodifiableList(vms);
    }

    /** Core's lines about what was found and done, one per VM. */
    @Exported
    public List<String> getLines() {
        return Collections.unmodifiableList(lines);
    }

    /** How many VMs of this build are still in vCenter (left behind, or their deletion failed). */
    @Exported
    public int getRemaining() {
        return remaining;
    }

    /** One VM or template of the builder's name that was found. */
    @ExportedBean(defaultVisibility = 4)
    public static final class Vm implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String managedObjectId;
        private final String inventoryPath;
        private final String powerState;
        private final boolean template;
        private final String createDate;
        private final String disposition;
        private final String problem;

        public Vm(
                String managedObjectId,
                String inventoryPath,
                String powerState,
                boolean template,
                String createDate,
                String disposition,
                String problem) {
            this.managedObjectId = managedObjectId;
            this.inventoryPath = inventoryPath;
            this.powerState = powerState;
            this.template = template;
            this.createDate = createDate;
            this.disposition = disposition;
            this.problem = problem;
        }

        Vm masked(UnaryOperator<String> mask) {
            return new Vm(
                    managedObjectId,
                    inventoryPath,
                    powerState,
                    template,
                    createDate,
                    disposition,
                    problem == null ? null : mask.apply(problem));
        }

        @Exported
        public String getManagedObjectId() {
            return managedObjectId;
        }

        @Exported
        public String getInventoryPath() {
            return inventoryPath;
        }

        /** As found, before any clean-up. */
        @Exported
        public String getPowerState() {
            return powerState;
        }

        @Exported
        public boolean isTemplate() {
            return template;
        }

        @Exported
        public String getCreateDate() {
            return createDate;
        }

        /**
         * Core's disposition: {@code LEFT_BEHIND}, {@code DESTROYED}, {@code DESTROY_FAILED},
         * {@code CREATED_BEFORE_RUN}, {@code TEMPLATE_KEPT} or {@code AGE_UNKNOWN}.
         */
        @Exported
        public String getDisposition() {
            return disposition;
        }

        @Exported
        public String getProblem() {
            return problem;
        }
    }
}
