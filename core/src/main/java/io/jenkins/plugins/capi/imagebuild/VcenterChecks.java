package io.jenkins.plugins.capi.imagebuild;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.vsphere.BaseVmCheck;
import io.jenkins.plugins.capi.vsphere.BuildVmCheck;
import io.jenkins.plugins.capi.vsphere.BuildVmReport;
import io.jenkins.plugins.capi.vsphere.Preflight;
import io.jenkins.plugins.capi.vsphere.PreflightReport;
import io.jenkins.plugins.capi.vsphere.TemplateFacts;
import io.jenkins.plugins.capi.vsphere.VsphereException;
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a build asks vCenter: the pre-flight before the container starts, the template's facts after it. */
public interface VcenterChecks {

    /** Never throws for vCenter problems: they are findings. */
    PreflightReport preflight(ImageConfig config, BuildSecrets secrets, VsphereTls tls);

    /** The base VM of a clone build (snapshot, guest OS family), after a pre-flight that resolved it; never throws. */
    List<Finding> baseVm(ImageConfig config, PreflightReport preflight, BuildSecrets secrets, VsphereTls tls);

    Optional<TemplateMetadata.VcenterFacts> templateFacts(ImageConfig config, String artifactId, BuildSecrets secrets,
                                                          VsphereTls tls) throws VsphereException;

    /**
     * After a build that did not succeed: the VM it left (made after {@code runStart}), removed when {@code remove}.
     */
    BuildVmReport buildVm(ImageConfig config, Instant runStart, BuildSecrets secrets, VsphereTls tls, boolean remove)
            throws VsphereException;

    /** The real vCenter named by the config. */
    static VcenterChecks real() {
        return new VcenterChecks() {
            @Override
            public PreflightReport preflight(ImageConfig config, BuildSecrets secrets, VsphereTls tls) {
                return Preflight.run(config, secrets, tls);
            }

            @Override
            public List<Finding> baseVm(ImageConfig config, PreflightReport preflight, BuildSecrets secrets,
                                        VsphereTls tls) {
                return BaseVmCheck.run(config, preflight, secrets.vcenterUser(), secrets.vcenterPassword(), tls,
                        VsphereTimeouts.DEFAULT);
            }

            @Override
            public Optional<TemplateMetadata.VcenterFacts> templateFacts(ImageConfig config, String artifactId,
                                                                         BuildSecrets secrets, VsphereTls tls)
                    throws VsphereException {
                return TemplateFacts.lookup(config, artifactId, secrets, tls);
            }

            @Override
            public BuildVmReport buildVm(ImageConfig config, Instant runStart, BuildSecrets secrets, VsphereTls tls,
                                         boolean remove) throws VsphereException {
                return remove
                        ? BuildVmCheck.cleanUp(config, null, runStart, secrets.vcenterUser(), secrets.vcenterPassword(),
                                tls, VsphereTimeouts.DEFAULT)
                        : BuildVmCheck.find(config, null, runStart, secrets.vcenterUser(), secrets.vcenterPassword(),
                                tls, VsphereTimeouts.DEFAULT);
            }
        };
    }
}
