package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.secrets.Credential;
import io.jenkins.plugins.capi.config.Supplied;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.config.ConfigLoader;
import io.jenkins.plugins.capi.config.Overrides;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfigWriter;
import io.jenkins.plugins.capi.config.ValidationOptions;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plants secrets in the file, in --set overrides and in the environment, and scans every output for them. */
class SecretLeakTest {

    static final String IN_FILE = "F1le-Secret'w$th #odd chars";
    static final String IN_FILE_RHEL = "F1le-Rhel-Secret-88";
    static final String IN_FILE_CLOUD = "F1le-Cloud-Secret-77";
    static final String IN_FILE_TYPO = "F1le-Typo-Secret-66";
    static final String IN_FILE_BROKEN = "F1le-Broken-Secret-55";
    static final String IN_SET = "S3t-Secret-44";
    static final String IN_SET_RHEL = "S3t-Rhel-Secret-33";
    static final String IN_ENV = "Env-Secret-22";
    static final String IN_ENV_RHEL = "Env-Rhel-Secret-11";
    static final List<String> ALL = List.of(IN_FILE, IN_FILE_RHEL, IN_FILE_CLOUD, IN_FILE_TYPO, IN_FILE_BROKEN,
            IN_SET, IN_SET_RHEL, IN_ENV, IN_ENV_RHEL);

    static final Map<String, String> ENV = Map.of("VCENTER_USER", "ci@vsphere.local", "VCENTER_PASSWORD", IN_ENV,
            "RHEL_USER", "rh@example.com", "RHEL_PASSWORD", IN_ENV_RHEL);

    private static void assertNoSecret(String label, String text) {
        for (String s : ALL) {
            assertThat(text).as(label).doesNotContain(s).doesNotContain(ImageConfigWriter.quote(s));
        }
        // fragments a careless message might carry
        assertThat(text).as(label).doesNotContain("Secret'w$th", "F1le-Secret");
    }

    private static Path plantedConfig(Path dir) throws Exception {
        Path file = dir.resolve("imageconfig");
        String base = Files.readString(Path.of(ValidateCommandTest.fixture("rhel-connected")));
        Files.writeString(file, base
                + "vcenter_password=" + ImageConfigWriter.quote(IN_FILE) + "\n"
                + "rhel_subscription_pass='" + IN_FILE_RHEL + "'\n"
                + "aws_secret_key=" + IN_FILE_CLOUD + "\n"
                + "azure_client_secret=<" + IN_FILE_CLOUD + ">\n"
                + "vcenter_pasword=" + IN_FILE_TYPO + "\n"
                + "my_api_token=" + IN_FILE_RHEL + "$(id)\n");
        return file;
    }

    private static Path brokenConfig(Path dir) throws Exception {
        Path file = dir.resolve("broken");
        Files.writeString(file, "os_version=rhel-8\n"
                + "vcenter_password='" + IN_FILE_BROKEN + "\n"
                + "rhel_subscription_pass=" + IN_FILE_BROKEN + " tail\n"
                + IN_FILE_BROKEN + "\n"
                + "vcenter_password\t=\t" + IN_FILE_BROKEN + "\\\n");
        return file;
    }

    @Test
    void noCliOutputContainsAPlantedSecret(@TempDir Path dir) throws Exception {
        String planted = plantedConfig(dir).toString();
        String broken = brokenConfig(dir).toString();
        List<String[]> runs = new ArrayList<>();
        for (String file : List.of(planted, broken)) {
            String[] sets = {"--set", "vcenter_password=" + IN_SET, "--set", "rhel_subscription_pass=" + IN_SET_RHEL,
                    "--set", "azure_client_secret=" + IN_SET, "--set", "bad key=" + IN_SET};
            for (String format : List.of("text", "json")) {
                for (String compat : List.of("warn", "strict", "off")) {
                    runs.add(concat(new String[] {"validate", "-c", file, "--format", format, "--compatibility", compat}, sets));
                    runs.add(new String[] {"validate", "-c", file, "--format", format, "--compatibility", compat,
                            "--builder-version", "4.4.4"});
                }
            }
            runs.add(concat(new String[] {"render", "-c", file}, sets));
            runs.add(new String[] {"render", "-c", file});
            runs.add(new String[] {"render", "-c", file, "--set", IN_SET});
            runs.add(new String[] {"validate", "-c", file, "--set", IN_SET});
            runs.add(new String[] {"validate", "-c", file, "--set", "vcenter_password=" + IN_SET + "\nnext"});
        }
        int ran = 0;
        for (String[] args : runs) {
            for (Map<String, String> env : List.of(ENV, Map.<String, String>of())) {
                CliRun r = CliRun.run(env, args);
                assertNoSecret(String.join(" ", args).replace(IN_SET, "<set>"), r.all());
                ran++;
            }
        }
        assertThat(ran).isGreaterThan(50);
        // the runs did print: the scan looked at real output
        CliRun render = CliRun.run(ENV, "render", "-c", planted);
        assertThat(render.out()).contains("vcenter_password=<redacted>", "rhel_subscription_pass=<redacted>",
                "aws_secret_key=<redacted>", "vcenter_pasword=<redacted>", "azure_client_secret=<redacted>",
                "my_api_token=<redacted>");
        CliRun validate = CliRun.run(Map.of(), "validate", "-c", planted);
        assertThat(validate.out()).contains("credentials in the file", "`aws_secret_key` is reserved");
    }

    @Test
    void mistypedCommandLinesDoNotEchoTheirArguments() {
        String file = ValidateCommandTest.fixture("rocky-iso");
        for (String[] args : List.of(
                new String[] {"validate", "-c", file, "--set", "vcenter_password", IN_SET},
                new String[] {"validate", "-c", file, "--vcenter-password=" + IN_SET},
                new String[] {"render", "-c", file, "--password", IN_SET},
                new String[] {IN_SET})) {
            CliRun r = CliRun.run(args);
            assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(r.err()).startsWith("capi-image-build: error: ").contains("--help");
            assertNoSecret(String.join(" ", args).replace(IN_SET, "<set>"), r.all());
        }
        for (String command : List.of("validate", "render", "preflight", "plan", "build")) {
            List<String> args = new java.util.ArrayList<>(List.of(command, "-c", file, "--set", IN_SET));
            if (command.equals("plan") || command.equals("build")) {
                args.addAll(List.of("--output-dir", "/nonexistent/out"));
            }
            CliRun set = CliRun.run(args.toArray(String[]::new));
            assertThat(set.exitCode()).as(command).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(set.all()).as(command).contains("--set:1: error: expected KEY=VALUE (the argument is not shown");
            assertNoSecret(command + " --set <set>", set.all());
        }
        assertThat(CliRun.run("validate", "-c", file, "--vcenter-password=" + IN_SET).err())
                .contains("unknown option --vcenter-password");
        assertThat(CliRun.run("valdate").err()).contains("Did you mean", "validate");
    }

    @Test
    void noFindingOrExceptionMessageContainsAPlantedSecret(@TempDir Path dir) throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("vcenter_password", IN_SET);
        overrides.put("rhel_subscription_pass", IN_SET_RHEL + "\n");
        overrides.put("bad key", IN_SET);
        for (Path file : List.of(plantedConfig(dir), brokenConfig(dir))) {
            for (CompatibilityMode mode : CompatibilityMode.values()) {
                for (boolean supplied : List.of(true, false)) {
                    ConfigLoader.LoadedConfig loaded = ConfigLoader.load(file, Overrides.fromMap(overrides, "--set"),
                            new ValidationOptions(mode, "4.4.4", Supplied.keys(supplied, supplied)));
                    assertThat(loaded.findings()).isNotEmpty();
                    for (Finding f : loaded.findings()) {
                        assertNoSecret("finding", f.format() + " " + f.key());
                    }
                    assertNoSecret("config", loaded.config().toString());
                    assertNoSecret("entries", loaded.config().entries().values().toString());
                    assertNoSecret("redacted", ImageConfigWriter.renderRedacted(loaded.config(),
                            BuildSecrets.vcenter("u", IN_ENV).withRhel(Credential.of("r", IN_ENV_RHEL))));
                }
            }
        }
        try {
            ImageConfigWriter.render(io.jenkins.plugins.capi.config.ImageConfig.of("x",
                    Map.of("vcenter_password", IN_SET + "\r" + IN_SET)), BuildSecrets.NONE);
            throw new AssertionError("expected the writer to refuse a value with a line break");
        } catch (IllegalArgumentException e) {
            assertNoSecret("writer exception", e.getMessage());
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
