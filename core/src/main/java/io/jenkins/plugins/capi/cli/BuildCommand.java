package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.Durations;
import io.jenkins.plugins.capi.imagebuild.BuildOutcome;
import io.jenkins.plugins.capi.imagebuild.ImageBuild;
import io.jenkins.plugins.capi.logs.FailureClassifier;
import java.io.PrintWriter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code build}: validate, check the ISO, pre-flight vCenter, run the builder container, write the metadata. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Runs a complete image build and prints the path of the template metadata on stdout; the"
                + " builder's log, progress and findings go to stderr.",
            "vCenter credentials come from VCENTER_USER/VCENTER_PASSWORD or --vcenter-user/--vcenter-password-file,"
                + " RHEL ones from RHEL_USER/RHEL_PASSWORD, registry ones from REGISTRY_USER/REGISTRY_PASSWORD; never"
                + " from the command line. Values written in the imageconfig are used when none are supplied.",
            "Ctrl-C stops the container gracefully (Packer cleans up its VM), removes it and exits with 130; a"
                + " second Ctrl-C stops at once."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:built; the metadata path is on stdout", "1:the build ran and failed or timed out",
            "2:not started: invalid input or a failed pre-flight", "130:interrupted; the container was removed"})
public final class BuildCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    CapiImageBuild root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BuildOptions options;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var request = options.request(root.environment, "cli-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of("tool", "capi-image-build"), err);
        BuildOutcome outcome;
        try (CtrlC ctrlC = CtrlC.duringBuild(Thread.currentThread(), err, request.stopGrace())) {
            outcome = ImageBuild.standard().run(request, new ConsoleEvents(err));
        }
        return report(outcome, out, err);
    }

    private int report(BuildOutcome outcome, PrintWriter out, PrintWriter err) {
        String who = spec.qualifiedName();
        if (outcome instanceof BuildOutcome.Succeeded s) {
            out.println(s.metadataFile());
            out.flush();
            if (s.publication() != null && !s.publication().succeeded()) {
                err.println(who + ": built, but publishing failed for at least one target (each target's result is"
                        + " above)");
                err.flush();
                return ExitCode.FAILED;
            }
            return ExitCode.OK;
        }
        if (outcome instanceof BuildOutcome.Rejected r) {
            err.println(who + ": not started: " + r.findings().size()
                    + (r.findings().size() == 1 ? " error" : " errors") + " above");
            err.flush();
            return ExitCode.INVALID_INPUT;
        }
        if (outcome instanceof BuildOutcome.TimedOut t) {
            err.println(who + ": timed out after " + Durations.describe(t.timeout()) + " while "
                    + t.lastPhase().description() + "; the container was stopped and removed");
            err.flush();
            return ExitCode.FAILED;
        }
        BuildOutcome.Failed f = (BuildOutcome.Failed) outcome;
        err.println(who + ": build failed: " + f.reason());
        if (f.hint() != null) {
            err.println(FailureClassifier.paragraph(f.hint()));
        }
        err.flush();
        return ExitCode.FAILED;
    }
}
