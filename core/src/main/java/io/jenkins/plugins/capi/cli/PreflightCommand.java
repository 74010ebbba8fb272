package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.ImageConfigParser;
import io.jenkins.plugins.capi.config.ParsedConfig;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.config.SourceLocation;
import io.jenkins.plugins.capi.vsphere.Preflight;
import io.jenkins.plugins.capi.vsphere.PreflightOptions;
import io.jenkins.plugins.capi.vsphere.PreflightReport;
import io.jenkins.plugins.capi.vsphere.VcenterEndpoint;
import io.jenkins.plugins.capi.vsphere.VsphereException;
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code capi-image-build preflight}: checks an image config against the real vCenter inventory. */
@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = {"Checks the image config against vCenter: login, datacenter, cluster, resource pool, datastore"
                + " (and its free space), network, folder, template and name collisions. Reports every problem at once.",
                "Credentials: VCENTER_USER (or --vcenter-user) and VCENTER_PASSWORD (or --vcenter-password-file)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed (warnings allowed)", "1:a check failed", "2:invalid input"})
public final class PreflightCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the imageconfig file")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a key of the file (repeatable)")
    List<String> overrides = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Trust trust;

    static final class Trust {
        @Option(names = "--ca-file", paramLabel = "FILE",
                description = "PEM file with the CA certificate(s) of vCenter, trusted in addition to the JVM's")
        Path caFile;

        @Option(names = "--insecure", description = "do not verify vCenter's certificate (prints a warning every run)")
        boolean insecure;
    }

    @Option(names = "--vcenter-user", paramLabel = "USER", description = "vCenter user; default: $VCENTER_USER")
    String user;

    @Option(names = "--vcenter-password-file", paramLabel = "FILE",
            description = "file holding the vCenter password; default: $VCENTER_PASSWORD")
    Path passwordFile;

    @Option(names = "--min-free-gib", paramLabel = "GIB", defaultValue = "50",
            description = "free space the datastore must have (default: ${DEFAULT-VALUE})")
    long minFreeGib;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "how long to wait for each vCenter answer (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Option(names = {"-v", "--verbose"}, description = "also list the checks that passed")
    boolean verbose;

    /** Where environment variables come from; tests replace it. */
    UnaryOperator<String> environment = System::getenv;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImageConfig config;
        try {
            config = readImageConfigFile(configFile);
        } catch (IOException e) {
            return invalid(err, "cannot read --config " + configFile + ": " + e.getMessage());
        }
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                return invalid(err, "--set expects KEY=VALUE, got '" + override + "'");
            }
            String key = override.substring(0, eq).strip();
            if (ConfigKey.isSecret(key)) {
                return invalid(err, "--set " + key + " is refused: secrets do not belong on the command line");
            }
            config = config.with(key, override.substring(eq + 1), SourceLocation.of("--set " + key));
        }
        if (config.vcenterServer().isBlank()) {
            return invalid(err, config.locationOf(ConfigKey.VCENTER_SERVER) + ": vcenter_server is not set");
        }
        try {
            VcenterEndpoint.parse(config.vcenterServer());
        } catch (VsphereException e) {
            return invalid(err, config.locationOf(ConfigKey.VCENTER_SERVER) + ": " + e.getMessage());
        }
        String vcUser = firstSet(user, environment.apply("VCENTER_USER"), config.vcenterUser());
        if (vcUser == null) {
            return invalid(err, "no vCenter user: set VCENTER_USER or --vcenter-user");
        }
        String password;
        if (passwordFile != null) {
            try {
                password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                return invalid(err, "cannot read --vcenter-password-file " + passwordFile + ": " + e.getClass().getSimpleName());
            }
        } else {
            password = environment.apply("VCENTER_PASSWORD");
        }
        if (password == null || password.isEmpty()) {
            return invalid(err, "no vCenter password: set VCENTER_PASSWORD or --vcenter-password-file");
        }
        VsphereTls tls = VsphereTls.VERIFY;
        if (trust != null && trust.caFile != null) {
            if (!Files.isReadable(trust.caFile)) {
                return invalid(err, "--ca-file " + trust.caFile + " is not a readable file");
            }
            tls = new VsphereTls(trust.caFile, false);
        } else if (trust != null && trust.insecure) {
            tls = new VsphereTls(null, true);
        }
        if (minFreeGib < 0 || timeoutSeconds < 1) {
            return invalid(err, "--min-free-gib must be 0 or more and --timeout at least 1");
        }
        VsphereTimeouts timeouts = new VsphereTimeouts(Duration.ofSeconds(Math.min(10, timeoutSeconds)),
                Duration.ofSeconds(timeoutSeconds));
        PreflightReport report = Preflight.run(config, vcUser, password, tls, timeouts,
                PreflightOptions.DEFAULT.withMinFreeBytes(minFreeGib * 1024 * 1024 * 1024));
        for (Finding f : report.findings()) {
            if (verbose || f.severity() != Severity.INFO) {
                out.println(f.format());
            }
        }
        out.println(report.summary());
        out.flush();
        return report.passed() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static int invalid(PrintWriter err, String message) {
        err.println("capi-image-build preflight: " + message);
        err.flush();
        return ExitCode.INVALID_INPUT;
    }

    /** The file through the project's imageconfig parser; syntax errors are printed and refuse the run. */
    private ImageConfig readImageConfigFile(Path file) throws IOException {
        ParsedConfig parsed = new ImageConfigParser().parse(file);
        PrintWriter err = spec.commandLine().getErr();
        parsed.findings().forEach(f -> err.println(f.format()));
        if (parsed.hasErrors()) {
            throw new IOException("the file has syntax errors (listed above)");
        }
        return parsed.config();
    }
}
