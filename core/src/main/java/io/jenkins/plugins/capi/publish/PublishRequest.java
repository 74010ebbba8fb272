package io.jenkins.plugins.capi.publish;

import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one publish run needs, for every front end: what to publish, under which name, what to do with a
 * template already there, how many of the family to keep, and where to.
 *
 * @param ova          the OVA to import; null before the build (pre-flight only) or when only a build VM is used
 * @param buildVm      the VM the builder kept in vCenter; used for targets on that vCenter instead of the OVA
 * @param keep         how many templates of the family to keep in each target folder after publishing; 0 keeps all
 * @param dryRun       check and report what would happen, change nothing
 * @param minFreeBytes free space each target datastore must have
 */
public record PublishRequest(Path ova, BuildVm buildVm, TemplateIdentity identity, NamePattern name,
                             OnExisting onExisting, int keep, boolean dryRun, List<PublishTarget> targets,
                             VsphereTimeouts timeouts, long minFreeBytes) {

    /** A template needs at least the builder's default disk (20 GiB, thin) to grow into. */
    public static final long DEFAULT_MIN_FREE_BYTES = 20L * 1024 * 1024 * 1024;

    /**
     * A VM or template already in vCenter {@code server} at {@code inventoryPath}: the build VM the builder kept,
     * or a template to promote to another folder of that vCenter. {@code convertInPlace} makes it the template
     * itself (it must already be in the target folder; it is renamed to the target name); otherwise it is cloned
     * and stays as it is. Targets on other vCenters are published from the OVA.
     */
    public record BuildVm(String server, String inventoryPath, boolean convertInPlace) {}

    public PublishRequest {
        Objects.requireNonNull(identity, "identity");
        name = name == null ? NamePattern.artifactId() : name;
        onExisting = onExisting == null ? OnExisting.FAIL : onExisting;
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be 0 (keep all) or more, not " + keep);
        }
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target to publish to");
        }
        timeouts = timeouts == null ? VsphereTimeouts.DEFAULT : timeouts;
    }

    public static Builder builder(TemplateIdentity identity) {
        return new Builder(identity);
    }

    /** The name this request gives the template. */
    public String templateName() {
        return name.render(identity);
    }

    public static final class Builder {
        private final TemplateIdentity identity;
        private Path ova;
        private BuildVm buildVm;
        private NamePattern name = NamePattern.artifactId();
        private OnExisting onExisting = OnExisting.FAIL;
        private int keep;
        private boolean dryRun;
        private final List<PublishTarget> targets = new ArrayList<>();
        private VsphereTimeouts timeouts = VsphereTimeouts.DEFAULT;
        private long minFreeBytes = DEFAULT_MIN_FREE_BYTES;

        private Builder(TemplateIdentity identity) {
            this.identity = identity;
        }

        public Builder ova(Path file) { this.ova = file; return this; }
        public Builder buildVm(BuildVm vm) { this.buildVm = vm; return this; }
        public Builder name(NamePattern pattern) { this.name = pattern; return this; }
        public Builder onExisting(OnExisting o) { this.onExisting = o; return this; }
        public Builder keep(int n) { this.keep = n; return this; }
        public Builder dryRun(boolean d) { this.dryRun = d; return this; }
        public Builder target(PublishTarget t) { this.targets.add(t); return this; }
        public Builder targets(List<PublishTarget> ts) { this.targets.addAll(ts); return this; }
        public Builder timeouts(VsphereTimeouts t) { this.timeouts = t; return this; }
        public Builder minFreeBytes(long b) { this.minFreeBytes = b; return this; }

        public PublishRequest build() {
            return new PublishRequest(ova, buildVm, identity, name, onExisting, keep, dryRun, targets, timeouts,
                    minFreeBytes);
        }
    }
}
