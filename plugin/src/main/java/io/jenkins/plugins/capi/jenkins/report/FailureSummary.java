package io.jenkins.plugins.capi.jenkins.report;

import java.io.Serializable;
import java.util.function.UnaryOperator;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** Why a build did not produce a template, and what the log suggests doing about it. Texts are masked. */
@ExportedBean(defaultVisibility = 3)
public final class FailureSummary implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final Integer exitCode;
    private final String lastPhase;
    private final String hintCategory;
    private final String hintSummary;
    private final String hint;
    private final String evidence;

    public FailureSummary(
            String reason,
            Integer exitCode,
            String lastPhase,
            String hintCategory,
            String hintSummary,
            String hint,
            String evidence) {
        this.reason = reason;
        this.exitCode = exitCode;
        this.lastPhase = lastPhase;
        this.hintCategory = hintCategory;
        this.hintSummary = hintSummary;
        this.hint = hint;
        this.evidence = evidence;
    }

    /** A failure known only by its reason: no exit code, phase or hint. */
    public static FailureSummary of(String reason) {
        return new FailureSummary(reason, null, null, null, null, null, null);
    }

    FailureSummary masked(UnaryOperator<String> mask) {
        return new FailureSummary(
                m(mask, reason),
                exitCode,
                lastPhase,
                hintCategory,
                m(mask, hintSummary),
                m(mask, hint),
                m(mask, evidence));
    }

    private static String m(UnaryOperator<String> mask, String s) {
        return s == null ? null : mask.apply(s);
    }

    @Exported
    public String getReason() {
        return reason;
    }

    /** The container's exit code, or null when the build did not get that far. */
    @Exported
    public Integer getExitCode() {
        return exitCode;
    }

    @Exported
    public String getLastPhase() {
        return lastPhase;
    }

    @Exported
    public String getHintCategory() {
        return hintCategory;
    }

    @Exported
    public String getHintSummary() {
        return hintSummary;
    }

    @Exported
    public String getHint() {
        return hint;
    }

    /** The (masked) log line the hint was read from. */
    @Exported
    public String getEvidence() {
        return evidence;
    }

    /** One line for the console and the build failure message. */
    public String toMessage() {
        StringBuilder b = new StringBuilder(reason == null ? "the image build failed" : reason);
        if (hintSummary != null) {
            b.append(" - ").append(hintSummary);
        }
        if (hint != null) {
            b.append(". ").append(hint);
        }
        return b.toString();
    }
}
