package io.jenkins.plugins.capi.jenkins.run;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Util;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfigValidator;
import io.jenkins.plugins.capi.config.Overrides;
import io.jenkins.plugins.capi.jenkins.airgap.AirgapInput;
import io.jenkins.plugins.capi.jenkins.config.CapiImageBuilderConfiguration;
import io.jenkins.plugins.capi.jenkins.customize.CustomizationInput;
import io.jenkins.plugins.capi.jenkins.publish.PublishInput;
import io.jenkins.plugins.capi.jenkins.report.StepFindings;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The parameters of one build with every default filled in. Holds credential ids, never secrets, so it may
 * cross to the agent and be logged.
 *
 * @param config                workspace-relative (or absolute agent) path of the imageconfig
 * @param overrides             as written, with {@code vcenterServer} added; core reads them ({@link OverrideInput#read})
 * @param outputDir             workspace-relative output folder
 * @param isoPath               ISO on the agent (absolute or workspace-relative), or null
 * @param dockerHost            Docker/Podman API URI, or null for the default socket
 * @param credentialsId         as configured: a {@code ${NAME}} reference to a Credentials parameter is resolved by
 *                              the credentials plugin, not by us (it knows who chose the value)
 * @param vcenterServer         vCenter host[:port] given in Jenkins, or null (then read from the imageconfig)
 * @param vcenterCaFile         extra CA file on the agent for vCenter's certificate, or null
 * @param removeBuildVm         after a build that did not succeed, remove the VM it left in vCenter
 * @param publish               the publish block, or null to publish nothing
 * @param airgap                the air-gap block, or null for a connected build
 * @param customization         scripts, static IP, kickstart and the RHSM workaround (never null)
 */
public record BuildSettings(
        String config,
        OverrideInput overrides,
        String outputDir,
        String isoPath,
        String builderImage,
        String dockerHost,
        int timeoutMinutes,
        int stopGraceSeconds,
        ArchiveMode archive,
        CompatibilityMode compatibility,
        boolean preflight,
        String vcenterServer,
        String vcenterCaFile,
        boolean vcenterInsecure,
        String credentialsId,
        String rhelCredentialsId,
        String registryCredentialsId,
        boolean removeBuildVm,
        PublishInput publish,
        AirgapInput airgap,
        CustomizationInput customization)
        implements Serializable {

    private static final long serialVersionUID = 3L;

    /**
     * Fills defaults from {@code global} and the build's environment and checks what can be checked without the
     * agent. The Docker host is the step's, else {@code DOCKER_HOST} of the build's environment, else the global
     * default, else (null) the default socket. The build's environment starts from the agent's own environment,
     * so an agent started with {@code DOCKER_HOST} set beats the global default, as do the agent's node properties
     * and {@code withEnv}.
     *
     * @param buildEnv        the build's environment, or null
     * @param expandVariables whether {@code ${VAR}} references in text parameters are expanded from {@code buildEnv}
     *                        (freestyle); Pipeline scripts interpolate themselves. Credential ids are never expanded.
     */
    public static BuildSettings resolve(
            ImageBuildParameters p, CapiImageBuilderConfiguration global, EnvVars buildEnv, boolean expandVariables)
            throws AbortException {
        EnvVars env = expandVariables ? buildEnv : null;
        String config = orDefault(expand(p.getConfig(), env), ParameterDefaults.CONFIG);
        String outputDir =
                WorkspacePaths.normalise(orDefault(expand(p.getOutputDir(), env), ParameterDefaults.OUTPUT_DIR));
        Optional<String> outputProblem = WorkspacePaths.problemWithRelativePath(outputDir);
        if (outputProblem.isPresent()) {
            throw new AbortException("outputDir " + outputProblem.get());
        }
        if (outputDir.equals(".")) {
            throw new AbortException("outputDir must be a folder inside the workspace, not the workspace itself");
        }

        OverrideInput overrides =
                env == null ? p.overrideInput() : p.overrideInput().expanded(env::expand);
        Overrides read = overrides.read();
        if (read.hasErrors()) {
            throw new AbortException("[capi] overrides: " + errors(read.findings()));
        }
        String vcenterServer = Util.fixEmptyAndTrim(expand(p.getVcenterServer(), env));
        if (vcenterServer != null) {
            List<Finding> problems = ImageConfigValidator.checkValue(ConfigKey.VCENTER_SERVER, vcenterServer);
            if (problems.stream().anyMatch(Finding::isError)) {
                throw new AbortException("[capi] vcenterServer: " + errors(problems));
            }
            Optional<String> fromOverrides = read.value(ConfigKey.VCENTER_SERVER);
            if (fromOverrides.isPresent() && !fromOverrides.get().equals(vcenterServer)) {
                throw new AbortException("[capi] vcenterServer '" + vcenterServer + "' and overrides vcenter_server '"
                        + fromOverrides.get() + "' disagree; set only one of them");
            }
            overrides = overrides.with(ConfigKey.VCENTER_SERVER, vcenterServer);
        }

        String builderImage = orDefault(expand(p.getBuilderImage(), env), global.effectiveBuilderImage());
        String envDockerHost = buildEnv == null ? null : Util.fixEmptyAndTrim(buildEnv.get("DOCKER_HOST"));
        String dockerHost = Util.fixEmptyAndTrim(orDefault(
                expand(p.getDockerHost(), env),
                envDockerHost != null ? envDockerHost : Util.fixNull(global.getDefaultDockerHost())));
        int timeout = p.getTimeoutMinutes() > 0 ? p.getTimeoutMinutes() : global.effectiveTimeoutMinutes();
        int grace = p.getStopGraceSeconds() > 0 ? p.getStopGraceSeconds() : ParameterDefaults.STOP_GRACE_SECONDS;

        UnaryOperator<String> expander = env == null ? UnaryOperator.identity() : env::expand;
        PublishInput publish = p.getPublish() == null ? null : PublishInput.of(p.getPublish(), expander);
        AirgapInput airgap = p.getAirgap() == null ? null : AirgapInput.of(p.getAirgap(), expander);
        CustomizationInput customization;
        try {
            customization = CustomizationInput.of(
                    p.preScriptPatterns(),
                    p.postScriptPatterns(),
                    p.getStaticIp(),
                    p.getKickstart(),
                    p.getRhsmWorkaround(),
                    expander);
        } catch (IllegalArgumentException e) {
            throw new AbortException("[capi] rhsmWorkaround " + e.getMessage());
        }

        return new BuildSettings(
                config,
                overrides,
                outputDir,
                Util.fixEmptyAndTrim(expand(p.getIsoPath(), env)),
                builderImage,
                dockerHost,
                timeout,
                grace,
                p.getArchive() == null ? ParameterDefaults.ARCHIVE : p.getArchive(),
                p.getCompatibility() == null ? ParameterDefaults.COMPATIBILITY : p.getCompatibility(),
                p.isPreflight(),
                vcenterServer,
                Util.fixEmptyAndTrim(expand(p.getVcenterCaFile(), env)),
                p.isVcenterInsecure(),
                Util.fixEmptyAndTrim(p.getCredentialsId()),
                Util.fixEmptyAndTrim(p.getRhelCredentialsId()),
                Util.fixEmptyAndTrim(p.getRegistryCredentialsId()),
                p.isRemoveBuildVm(),
                publish,
                airgap,
                customization);
    }

    private static String errors(List<Finding> findings) {
        return findings.stream()
                .filter(Finding::isError)
                .map(StepFindings::format)
                .collect(Collectors.joining("; "));
    }

    private static String expand(String value, EnvVars env) {
        return value == null || env == null ? value : env.expand(value);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
