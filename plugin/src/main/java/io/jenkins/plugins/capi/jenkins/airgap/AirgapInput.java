package io.jenkins.plugins.capi.jenkins.airgap;

import hudson.AbortException;
import hudson.Util;
import io.jenkins.plugins.capi.airgap.AirgapSettings;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The {@code airgap} block of one build with {@code ${VAR}} references expanded (freestyle): what crosses to the
 * agent, where core's {@link AirgapSettings} is built with the paths resolved against the workspace.
 *
 * @param archive        the vendor's archive or its extracted folder (never null)
 * @param certificate    null for the support VM's default path
 * @param kubernetesPack null for none
 * @param yumPort        0 for the vendor's port
 */
public record AirgapInput(
        String archive, String certificate, String kubernetesPack, boolean runKubernetesPack, int yumPort)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * @param expand identity for Pipeline, the build's environment for freestyle
     * @throws AbortException when the archive is not given
     */
    public static AirgapInput of(Airgap a, UnaryOperator<String> expand) throws AbortException {
        String archive = expanded(a.getArchive(), expand);
        if (archive == null) {
            throw new AbortException("[capi] airgap.archive is not set: give the vendor's capi-image-builder-<tag>.tgz"
                    + " or the folder it was extracted into, on the agent");
        }
        return new AirgapInput(
                archive,
                expanded(a.getCertificate(), expand),
                expanded(a.getKubernetesPack(), expand),
                a.isRunKubernetesPack(),
                a.getYumPort());
    }

    private static String expanded(String value, UnaryOperator<String> expand) {
        return value == null ? null : Util.fixEmptyAndTrim(expand.apply(value));
    }

    /** Core's settings on the agent: relative paths start at the workspace. */
    public AirgapSettings toSettings(Path workspace) {
        return new AirgapSettings(
                workspace.resolve(archive).normalize(),
                certificate == null ? null : workspace.resolve(certificate).normalize(),
                kubernetesPack == null
                        ? null
                        : workspace.resolve(kubernetesPack).normalize(),
                runKubernetesPack,
                yumPort);
    }
}
