package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.imagebuild.BuildRequest;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Every option of a build, shared by {@code plan} and {@code build} so that both read them the same way. */
final class BuildOptions {

    @Mixin
    ConfigOptions config;

    @Mixin
    OutputOptions output;

    @Mixin
    ImageOption image;

    @Mixin
    EngineOptions engine;

    @Mixin
    CompatibilityOptions compatibility;

    @Mixin
    RunOptions run;

    @Mixin
    VcenterTrustOptions trust;

    @Mixin
    CredentialOptions credentials;

    @Mixin
    CustomizationOptions customization;

    @Mixin
    PublishOptions publish;

    @Mixin
    AirgapOptions airgap;

    @Option(names = "--publish", description = "After a successful build, publish the template to the imageconfig's"
            + " vCenter and every --target (see --name, --on-existing, --keep, --content-library); every target is"
            + " checked before the build starts.")
    boolean publishRequested;

    @Option(names = "--remove-build-vm", description = "After a build that did not succeed, power off and delete the"
            + " VM it left in vCenter (it is always looked for and reported).")
    boolean removeBuildVm;

    /** @param err where findings about target files go before a bad one is refused */
    BuildRequest request(Map<String, String> env, String runId, Map<String, String> producer, PrintWriter err) {
        return BuildRequest.builder(config.config, output.absolute(), runId)
                .overrides(config.overrides())
                .isoPath(engine.iso == null ? null : engine.iso.toAbsolutePath())
                .builderImage(image.image)
                .imageArchive(engine.imageArchive)
                .dockerHost(engine.dockerHost)
                .timeout(run.timeout)
                .stopGrace(run.stopGrace)
                .compatibility(compatibility.compatibility)
                .preflight(!run.noPreflight)
                .vsphereTls(trust.tls())
                .secrets(credentials.secrets(env))
                .producer(producer)
                .customization(customization.customization())
                .publish(publishRequested ? publish.settings(err) : null)
                .removeBuildVm(removeBuildVm)
                .airgap(airgap.settings())
                .build();
    }
}
