package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.imagebuild.BuildRequest;
import java.util.Map;
import picocli.CommandLine.Mixin;

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

    BuildRequest request(Map<String, String> env, String runId, Map<String, String> producer) {
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
                .build();
    }
}
