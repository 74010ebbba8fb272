package io.jenkins.plugins.capi.jenkins.run;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Util;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.jenkins.config.CapiImageBuilderConfiguration;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of one build with every default filled in. Holds credential ids, never secrets, so it may
 * cross to the agent and be logged.
 *
 * @param config                workspace-relative (or absolute agent) path of the imageconfig
 * @param outputDir             workspace-relative output folder
 * @param isoPath               ISO on the agent (absolute or workspace-relative), or null
 * @param dockerHost            Docker/Podman API URI, or null for the default socket
 * @param credentialsId         as configured: a {@code ${NAME}} reference to a Credentials parameter is resolved by
 *                              the credentials plugin, not by us (it knows who chose the value)
 * @param vcenterServer         vCenter host[:port] given in Jenkins, or null (then read from the imageconfig)
 * @param vcenterCaFile         extra CA file on the agent for vCenter's certificate, or null
 */
public record BuildSettings(
        String config,
        Map<String, String> overrides,
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
        String registryCredentialsId)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public BuildSettings {
        // LinkedHashMap keeps the user's order and is a plain serialisable JDK class.
        overrides = new LinkedHashMap<>(overrides);
    }

    @Override
    public Map<String, String> overrides() {
        return Collections.unmodifiableMap(overrides);
    }

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

        Map<String, String> overrides = new LinkedHashMap<>();
        p.overrideValues().forEach((k, v) -> overrides.put(k, expand(v, env) == null ? "" : expand(v, env)));
        for (String key : overrides.keySet()) {
            if (ConfigKey.isSecret(key)) {
                throw new AbortException("overrides must not carry secrets (" + key + "): use credentialsId, "
                        + "rhelCredentialsId or registryCredentialsId so the value stays in Jenkins credentials");
            }
        }
        String vcenterServer = Util.fixEmptyAndTrim(expand(p.getVcenterServer(), env));
        if (vcenterServer != null) {
            String fromOverrides = overrides.get(ConfigKey.VCENTER_SERVER.key());
            if (fromOverrides != null && !fromOverrides.isBlank() && !fromOverrides.equals(vcenterServer)) {
                throw new AbortException("vcenterServer '" + vcenterServer + "' and overrides vcenter_server '"
                        + fromOverrides + "' disagree; set only one of them");
            }
            overrides.put(ConfigKey.VCENTER_SERVER.key(), vcenterServer);
        }

        String builderImage = orDefault(expand(p.getBuilderImage(), env), global.effectiveBuilderImage());
        String envDockerHost = buildEnv == null ? null : Util.fixEmptyAndTrim(buildEnv.get("DOCKER_HOST"));
        String dockerHost = Util.fixEmptyAndTrim(orDefault(
                expand(p.getDockerHost(), env),
                envDockerHost != null ? envDockerHost : Util.fixNull(global.getDefaultDockerHost())));
        int timeout = p.getTimeoutMinutes() > 0 ? p.getTimeoutMinutes() : global.effectiveTimeoutMinutes();
        int grace = p.getStopGraceSeconds() > 0 ? p.getStopGraceSeconds() : ParameterDefaults.STOP_GRACE_SECONDS;

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
                Util.fixEmptyAndTrim(p.getRegistryCredentialsId()));
    }

    private static String expand(String value, EnvVars env) {
        return value == null || env == null ? value : env.expand(value);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
