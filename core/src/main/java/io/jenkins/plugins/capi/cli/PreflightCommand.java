package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.config.ConfigLoader;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.container.ImageReference;
import io.jenkins.plugins.capi.imagebuild.ImageBuild;
import io.jenkins.plugins.capi.imagebuild.RequestChecks;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import io.jenkins.plugins.capi.vsphere.Preflight;
import io.jenkins.plugins.capi.vsphere.PreflightOptions;
import io.jenkins.plugins.capi.vsphere.PreflightReport;
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code capi-image-build preflight}: checks an image config against the real vCenter inventory. */
@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = {"Validates the image config as build does, then checks it against vCenter: login, datacenter,"
                + " cluster, resource pool, datastore (and its free space), network, folder, template and name"
                + " collisions. Reports every problem at once.",
                "Credentials as for build: VCENTER_USER (or --vcenter-user) and VCENTER_PASSWORD (or"
                        + " --vcenter-password-file); values written in the file are used when none are supplied."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed (warnings allowed)", "1:a vCenter check failed",
            "2:invalid input (the config has errors, bad options)"})
public final class PreflightCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    CapiImageBuild root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    CompatibilityOptions compatibility;

    @Mixin
    ImageOption image;

    @Mixin
    CredentialOptions credentials;

    @Mixin
    VcenterTrustOptions trust;

    @Option(names = "--min-free-gib", paramLabel = "GIB", defaultValue = "50",
            description = "Free space the datastore must have (default: ${DEFAULT-VALUE}).")
    long minFreeGib;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to wait for each vCenter answer, e.g. 30s (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"-v", "--verbose"}, description = "Also list the checks that passed.")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (minFreeGib < 0) {
            throw new CliInputException("--min-free-gib must be 0 or more");
        }
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new CliInputException("--timeout must be at least 1s");
        }
        ImageReference.problem(image.image).ifPresent(p -> {
            throw new CliInputException("--image: " + p);
        });
        BuildSecrets supplied = credentials.secrets(root.environment);
        ConfigLoader.LoadedConfig loaded =
                config.load(ImageBuild.validationOptions(compatibility.compatibility, image.image, supplied));
        List<Finding> findings = new ArrayList<>(RequestChecks.vcenterTrust(trust.tls()));
        findings.addAll(loaded.findings());
        CliFindings.print(err, findings);
        if (findings.stream().anyMatch(Finding::isError)) {
            throw new CliInputException("not checked against vCenter: fix the errors above");
        }
        BuildSecrets effective = supplied.resolve(loaded.config());
        VsphereTimeouts timeouts = new VsphereTimeouts(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout
                : Duration.ofSeconds(10), timeout);
        PreflightReport report;
        try (CtrlC ctrlC = CtrlC.duringCheck(Thread.currentThread(), err)) {
            report = Preflight.run(loaded.config(), effective.vcenterUser(), effective.vcenterPassword(),
                    trust.tls(), timeouts, PreflightOptions.DEFAULT.withMinFreeBytes(minFreeGib * 1024 * 1024 * 1024));
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("the vCenter pre-flight was stopped before it finished");
        }
        for (Finding f : report.findings()) {
            if (verbose || f.severity() != Severity.INFO) {
                out.println(CliFindings.format(f));
            }
        }
        out.println(report.summary());
        out.flush();
        return report.passed() ? ExitCode.OK : ExitCode.FAILED;
    }
}
