package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.imagebuild.ImageBuild;
import io.jenkins.plugins.capi.imagebuild.PlanOutcome;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code plan}: what {@code build} would do — the same checks, then the container it would run — running nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Runs the checks build runs before anything changes (settings, imageconfig, ISO) and prints"
                + " the exact container specification (image, mounts, network, environment names, labels) and the"
                + " files build would prepare. Takes the same options as build; changes and starts nothing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:build would start", "2:build would refuse (the findings say why)"})
final class PlanCommand implements Callable<Integer> {

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
        PlanOutcome outcome = ImageBuild.standard().plan(options.request(root.environment, "plan", Map.of(), err),
                new ConsoleEvents(err));
        if (outcome instanceof PlanOutcome.Refused r) {
            err.println(spec.qualifiedName() + ": build would not start: " + r.findings().size()
                    + (r.findings().size() == 1 ? " error" : " errors") + " above");
            err.flush();
            return ExitCode.INVALID_INPUT;
        }
        PlanOutcome.Planned p = (PlanOutcome.Planned) outcome;
        p.steps().forEach(out::println);
        p.container().describe().forEach(out::println);
        out.flush();
        return ExitCode.OK;
    }
}
