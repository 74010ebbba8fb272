package io.jenkins.plugins.capi.jenkins.publish;

import hudson.AbortException;
import hudson.Util;
import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.ImageConfigValidator;
import io.jenkins.plugins.capi.jenkins.report.StepFindings;
import io.jenkins.plugins.capi.publish.NamePattern;
import io.jenkins.plugins.capi.publish.OnExisting;
import io.jenkins.plugins.capi.publish.PublishSettings;
import io.jenkins.plugins.capi.publish.PublishTarget;
import io.jenkins.plugins.capi.secrets.Credential;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * The {@code publish} block of one build, checked and with {@code ${VAR}} references expanded (freestyle): what
 * crosses to the agent, where core's {@link PublishSettings} is built with the targets' credentials. Holds
 * credentials ids, never secrets.
 *
 * @param namePattern     the template name pattern, or null for the builder's name
 * @param onExisting      core's reading of {@code onExisting}
 * @param targets         the other vCenters, in the order given
 */
public record PublishInput(
        String namePattern,
        OnExisting onExisting,
        int keep,
        String contentLibrary,
        boolean toConfigVcenter,
        ArrayList<TargetInput> targets)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public PublishInput {
        // ArrayList: a plain serialisable JDK class for the agent channel
        targets = targets == null ? new ArrayList<>() : new ArrayList<>(targets);
    }

    /**
     * One vCenter of {@link Publishing#getTargets()}, expanded.
     *
     * @param number the target's place in the list, from 1: how results and findings name it
     * @param caFile on the agent, relative to the workspace or absolute; null for the JVM's trust
     */
    public record TargetInput(
            int number,
            String server,
            String credentialsId,
            String datacenter,
            String folder,
            String datastore,
            String network,
            String cluster,
            String resourcePool,
            String caFile,
            boolean insecure,
            String contentLibrary)
            implements Serializable {

        private static final long serialVersionUID = 1L;

        /** How the build names this target: its findings, its log lines, its publication. */
        public String label() {
            return StepFindings.targetLabel(number, server);
        }

        /** The {@code vcenter_*} keys of this target, as core reads a target's place. */
        Map<String, String> place() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put(ConfigKey.VCENTER_SERVER.key(), server);
            m.put(ConfigKey.VCENTER_DATACENTER.key(), datacenter);
            m.put(ConfigKey.VCENTER_FOLDER.key(), folder);
            m.put(ConfigKey.VCENTER_DATASTORE.key(), datastore);
            m.put(ConfigKey.VCENTER_NETWORK.key(), network);
            m.put(ConfigKey.VCENTER_CLUSTER.key(), cluster);
            m.put(ConfigKey.VCENTER_RESOURCE_POOL.key(), resourcePool);
            return m;
        }
    }

    /**
     * Checks what can be checked without vCenter and expands {@code ${VAR}} references.
     *
     * @param expand identity for Pipeline (scripts interpolate themselves), the build's environment for freestyle
     * @throws AbortException listing every problem, each at its parameter
     */
    public static PublishInput of(Publishing p, UnaryOperator<String> expand) throws AbortException {
        List<String> problems = new ArrayList<>();
        String pattern = expandOrNull(expand, p.getNamePattern());
        if (pattern != null) {
            NamePattern.problem(pattern).ifPresent(problem -> problems.add("publish.namePattern: " + problem));
        }
        if (p.getKeep() < 0) {
            problems.add("publish.keep must be 0 (keep all) or more, not " + p.getKeep());
        }
        ArrayList<TargetInput> targets = new ArrayList<>();
        int number = 0;
        for (VcenterTarget t : p.getTargets()) {
            number++;
            String server = expandOrNull(expand, t.getServer());
            String where = StepFindings.targetLabel(number, server);
            if (server == null) {
                problems.add(where + ": server is not set; give the vCenter host[:port]");
            } else {
                ImageConfigValidator.checkValue(ConfigKey.VCENTER_SERVER, server).stream()
                        .filter(Finding::isError)
                        .forEach(f -> problems.add(where + ": server: " + f.message()));
            }
            if (t.getCredentialsId() == null) {
                problems.add(where + ": credentialsId is not set; every publish target logs in with its own "
                        + "vCenter credentials");
            }
            targets.add(new TargetInput(
                    number,
                    server,
                    // raw: the credentials plugin resolves a ${NAME} Credentials parameter itself
                    t.getCredentialsId(),
                    expandOrNull(expand, t.getDatacenter()),
                    expandOrNull(expand, t.getFolder()),
                    expandOrNull(expand, t.getDatastore()),
                    expandOrNull(expand, t.getNetwork()),
                    expandOrNull(expand, t.getCluster()),
                    expandOrNull(expand, t.getResourcePool()),
                    expandOrNull(expand, t.getCaFile()),
                    t.isInsecure(),
                    expandOrNull(expand, t.getContentLibrary())));
        }
        if (!problems.isEmpty()) {
            throw new AbortException("[capi] " + String.join("\n  ", problems));
        }
        return new PublishInput(
                pattern,
                OnExisting.parse(p.getOnExisting()),
                p.getKeep(),
                expandOrNull(expand, p.getContentLibrary()),
                p.isToConfigVcenter(),
                targets);
    }

    private static String expandOrNull(UnaryOperator<String> expand, String value) {
        return value == null ? null : Util.fixEmptyAndTrim(expand.apply(value));
    }

    /**
     * Core's settings on the agent: every target with the credentials the controller looked up for it.
     *
     * @param credentials the credential of the target with the given number
     * @param buildId     the Jenkins build number, for {@code {build}}
     */
    public PublishSettings toSettings(Path workspace, IntFunction<Credential> credentials, String buildId) {
        List<PublishTarget> others = new ArrayList<>();
        for (TargetInput t : targets) {
            Credential c = credentials.apply(t.number());
            VsphereTls tls = new VsphereTls(
                    t.caFile() == null ? null : workspace.resolve(t.caFile()).normalize(), t.insecure());
            others.add(PublishTarget.of(
                    ImageConfig.of(t.label(), t.place()),
                    c == null ? null : c.user(),
                    c == null ? null : c.password(),
                    tls,
                    t.contentLibrary() == null ? contentLibrary : t.contentLibrary()));
        }
        return new PublishSettings(
                NamePattern.of(namePattern),
                onExisting,
                keep,
                contentLibrary,
                toConfigVcenter,
                List.of(),
                others,
                buildId);
    }
}
