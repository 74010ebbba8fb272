package io.jenkins.plugins.capi.imagebuild;

import io.jenkins.plugins.capi.airgap.AirgapPreparation;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.container.RunSpec;
import io.jenkins.plugins.capi.customize.CustomizationPlan;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import java.util.List;

/** What {@link ImageBuild#prepare} found: a build ready to start, or the findings that refuse it. */
public sealed interface Preparation {

    /** Settings, config and ISO are fine; nothing has been changed or started yet. */
    /** {@code airgap} is the checked air-gap bundle of an air-gapped build, else null. */
    record Ready(ImageConfig config, BuildSecrets secrets, RunSpec spec, CustomizationPlan customization,
                 AirgapPreparation airgap) implements Preparation {
        /** Never shows the secrets or the rendered imageconfig. */
        @Override
        public String toString() {
            return "Ready[" + config.source() + ", " + spec + "]";
        }
    }

    /** At least one error; every finding is in the list and was reported. */
    record Refused(List<Finding> findings) implements Preparation {
        public Refused {
            findings = List.copyOf(findings);
        }
    }
}
