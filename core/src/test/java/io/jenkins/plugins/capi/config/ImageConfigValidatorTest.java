package io.jenkins.plugins.capi.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageConfigValidatorTest {

    static final String HEX = "642ada8a49dbeca8cca6543b31196019ee3d649a0163b5db0e646c7409364eeb";

    /** A valid connected Rocky build; line n of the file is element n-1. */
    static final List<String> BASE = List.of(
            "os_version=rockylinux-8",                 // 1
            "image_type=standard",                     // 2
            "image_name=rocky-8",                      // 3
            "cloud_type=vmware",                       // 4
            "k8s_version=1.30.4",                      // 5
            "cni_version=1.3.0",                       // 6
            "containerd_version=1.7.13",               // 7
            "crictl_version=1.28.0",                   // 8
            "iso_name=Rocky-8-latest-x86_64-dvd.iso",  // 9
            "iso_checksum=" + HEX,                     // 10
            "vcenter_server=vcenter.lab.example.com",  // 11
            "vcenter_user=builder@vsphere.local",      // 12
            "vcenter_datacenter=Datacenter",           // 13
            "vcenter_datastore=vsanDatastore",         // 14
            "vcenter_network='VM Network'",            // 15
            "vcenter_folder=templates",                // 16
            "vcenter_cluster=Cluster-A",               // 17
            "vcenter_resource_pool=",                  // 18
            "airgap=false");                           // 19

    static final ValidationOptions VCENTER_FROM_JENKINS =
            new ValidationOptions(CompatibilityMode.WARN, null, Supplied.keys(true, false));

    /** BASE with {@code key=value} lines replaced in place, or appended (line 20, 21, ...) when new. */
    static String config(String... assignments) {
        List<String> lines = new ArrayList<>(BASE);
        for (String a : assignments) {
            String key = a.substring(0, a.indexOf('='));
            int i = indexOf(lines, key);
            if (i >= 0) {
                lines.set(i, a);
            } else {
                lines.add(a);
            }
        }
        return String.join("\n", lines) + "\n";
    }

    static String without(String... keys) {
        List<String> lines = new ArrayList<>(BASE);
        Arrays.stream(keys).forEach(k -> lines.remove(indexOf(lines, k)));
        return String.join("\n", lines) + "\n";
    }

    private static int indexOf(List<String> lines, String key) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(key + "=")) {
                return i;
            }
        }
        return -1;
    }

    static List<Finding> validate(String text, ValidationOptions options) {
        try {
            ParsedConfig p = new ImageConfigParser().parse("imageconfig", text.getBytes(StandardCharsets.UTF_8));
            assertThat(p.findings()).as("parse findings").filteredOn(Finding::isError).isEmpty();
            return ImageConfigValidator.validate(p.config(), options);
        } catch (ConfigParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void baseConfigIsClean() {
        assertThat(validate(config(), VCENTER_FROM_JENKINS)).isEmpty();
    }

    static Stream<Arguments> rules() {
        String E = "error";
        String W = "warning";
        return Stream.of(
                // key values
                Arguments.of("os_version=rhel-7", E, 1, "os_version rhel-7 is not one of rhel-8, rhel-9, rockylinux-8, rockylinux-9", "did you mean os_version=rhel-8?"),
                Arguments.of("os_version=rocklinux-9", E, 1, "is not one of", "did you mean os_version=rockylinux-9?"),
                Arguments.of("os_version=ubuntu-22.04", E, 1, "is not one of", "use one of rhel-8, rhel-9, rockylinux-8, rockylinux-9"),
                Arguments.of("image_type=FIPS", E, 2, "image_type FIPS is not one of standard, fips", "did you mean image_type=fips?"),
                Arguments.of("cloud_type=aws", E, 4, "cloud_type aws is reserved for future use; only vmware is supported", "cloud_type=vmware"),
                Arguments.of("cloud_type=vsphere", E, 4, "cloud_type vsphere is not supported", "cloud_type=vmware"),
                // image_name is a folder and a VM name
                Arguments.of("image_name=team/rocky", E, 3, "must not contain / or \\", "letters, digits"),
                Arguments.of("image_name=team\\\\rocky", E, 3, "must not contain / or \\", "letters, digits"),
                Arguments.of("image_name=..", E, 3, "must not be . or contain ..", "letters, digits"),
                Arguments.of("image_name=rocky..8", E, 3, "must not be . or contain ..", "letters, digits"),
                Arguments.of("image_name='rocky\t8'", E, 3, "control character", "letters, digits"),
                Arguments.of("image_name=' rocky-8 '", E, 3, "starts or ends with a space", "image_name=rocky-8"),
                Arguments.of("image_name=" + "r".repeat(81), E, 3, "81 characters long; at most 80", "shorter name"),
                // versions
                Arguments.of("k8s_version=v1.30.4", E, 5, "k8s_version v1.30.4 starts with a v", "drop the v: k8s_version=1.30.4"),
                Arguments.of("cni_version=v1.3.0", E, 6, "starts with a v", "drop the v: cni_version=1.3.0"),
                Arguments.of("containerd_version=1.7", E, 7, "containerd_version 1.7 is not a version of the form X.Y.Z", "e.g. containerd_version=1.7.13"),
                Arguments.of("crictl_version=latest", E, 8, "crictl_version latest is not a version of the form X.Y.Z", "e.g. crictl_version=1.28.0"),
                // ISO
                Arguments.of("iso_name=/home/me/isos/Rocky-8.iso", E, 9, "iso_name must be a plain file name", "write only its name: iso_name=Rocky-8.iso"),
                Arguments.of("iso_name=..", E, 9, "iso_name must be a file name", "iso_name=Rocky"),
                Arguments.of("iso_name=Rocky-8.10-x86_64-boot.iso", W, 9, "looks like a boot ISO", "x86_64-dvd.iso"),
                Arguments.of("iso_name=Rocky-8.10-x86_64-dvd.img", W, 9, "does not end in .iso", "DVD ISO"),
                Arguments.of("iso_checksum=sha256:" + HEX, E, 10, "without a sha256: prefix", "drop the prefix: iso_checksum=" + HEX),
                Arguments.of("iso_checksum=md5:0123", E, 10, "bare SHA-256 digest", "sha256sum"),
                Arguments.of("iso_checksum=abc123", E, 10, "it has 6 characters", "run sha256sum on the ISO and copy the first field"),
                Arguments.of("iso_checksum='" + HEX + "  Rocky-8-latest-x86_64-dvd.iso'", E, 10, "64 hexadecimal digits", "copy only the 64 hex digits"),
                Arguments.of("iso_checksum=" + HEX.replace('a', 'g'), E, 10, "64 hexadecimal digits", "sha256sum"),
                Arguments.of("vcenter_template=/Datacenter/vm/rocky-base", E, 20, "vcenter_template and iso_name/iso_checksum are both set", "empty iso_name and iso_checksum"),
                // vCenter address
                Arguments.of("vcenter_server=https://vc.example.com/sdk", E, 11, "without https:// or a path", "vcenter_server=vc.example.com"),
                Arguments.of("vcenter_server=https://vc.example.com:8443", E, 11, "without https:// or a path", "vcenter_server=vc.example.com:8443"),
                Arguments.of("vcenter_server=vc.example.com/ui", E, 11, "without https:// or a path", "vcenter_server=vc.example.com"),
                Arguments.of("vcenter_server=vc.example.com:99999", E, 11, "invalid port", "optionally with :port"),
                Arguments.of("vcenter_server=300.1.1.1", E, 11, "300.1.1.1 is not a valid IPv4 address", "host name or IP"),
                Arguments.of("vcenter_server=vc_01.example.com", E, 11, "is not a valid host name", "host name or IP"),
                // vSphere placement placeholders
                Arguments.of("vcenter_datacenter=<vcenter-datacenter>", E, 13, "placeholder not filled in: `vcenter_datacenter` (it still reads <vcenter-datacenter>)", "replace it"),
                Arguments.of("vcenter_folder=/DC/vm/<team>", E, 16, "placeholder not filled in", "replace it"),
                // airgap
                Arguments.of("airgap=yes", E, 19, "airgap must be true or false, not yes", "write airgap=true or airgap=false"),
                Arguments.of("airgap=True", E, 19, "airgap must be true or false", "write it in lower case: airgap=true"),
                Arguments.of("airgap_ip=10.0.0.9", W, 20, "airgap_ip is set but airgap=false", "empty airgap_ip"),
                // reserved cloud keys
                Arguments.of("aws_access_key=AKIAEXAMPLE", E, 20, "`aws_access_key` is reserved for future use and must stay empty", "only vSphere"),
                Arguments.of("azure_client_secret=abc", E, 20, "`azure_client_secret` is reserved", "only vSphere"),
                Arguments.of("google_app_creds=/gcp.json", E, 20, "`google_app_creds` is reserved", "only vSphere"),
                Arguments.of("gcp_project_id=p-1", E, 20, "`gcp_project_id` is reserved", "only vSphere"),
                Arguments.of("cert_url=https://x.example.com/ca.crt", W, 20, "cert_url is reserved for future use", "leave cert_url empty"),
                // download overrides
                Arguments.of("containerd_url=https://mirror.example.com/cri-containerd-cni-1.7.12-linux-amd64.tar.gz", E, 20,
                        "containerd_url downloads version 1.7.12 but containerd_version is 1.7.13", "containerd_version=1.7.12"),
                Arguments.of("crictl_url=https://mirror.example.com/v1.26.0/crictl-v1.26.0-linux-amd64.tar.gz", E, 20,
                        "crictl_url downloads version 1.26.0 but crictl_version is 1.28.0", "crictl_version=1.26.0"),
                Arguments.of("crictl_url=https://mirror.example.com/crictl-latest.tgz", W, 20, "does not show a version", "version 1.28.0"),
                Arguments.of("containerd_url=mirror.example.com/containerd.tgz", E, 20, "containerd_url is not an http:// or https:// URL", "https://"),
                Arguments.of("k8s_rpm_server=10.0.0.9", W, 20, "k8s_rpm_server is not an http:// or https:// URL", "https://"),
                Arguments.of("k8s_container_reg=https://registry.example.com", E, 20, "registry host, without a scheme", "k8s_container_reg=registry.example.com"),
                // compatibility matrix (default WARN)
                Arguments.of("cni_version=1.2.0", W, 6, "cni_version 1.2.0 differs from the compatibility matrix row for Kubernetes 1.30.4 (cni 1.3.0, containerd 1.7.13, crictl 1.28.0)", "cni_version=1.3.0"),
                Arguments.of("crictl_version=1.26.0", W, 8, "row for Kubernetes 1.30.4", "crictl_version=1.28.0"),
                Arguments.of("containerd_version=1.7.20", W, 7, "row for Kubernetes 1.30.4", "containerd_version=1.7.13"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleReportsKeyLineMessageAndHint(String assignment, String severity, int line, String message, String hint) {
        List<Finding> findings = validate(config(assignment), VCENTER_FROM_JENKINS);
        String key = assignment.substring(0, assignment.indexOf('='));
        assertThat(findings).as(findings.toString()).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.severity().label()).isEqualTo(severity);
        assertThat(f.key()).isEqualTo(key);
        assertThat(f.location()).isEqualTo(new SourceLocation("imageconfig", line, 1));
        assertThat(f.message()).contains(message);
        assertThat(f.hint()).contains(hint);
    }

    /** Inputs a new user wrote, each giving a finding whose hint is a concrete value. */
    static Stream<Arguments> fixable() {
        return Stream.concat(rules().map(a -> Arguments.of((Object) new String[] {(String) a.get()[0]})), Stream.of(
                new String[] {"iso_name=", "iso_checksum=", "vcenter_template=Datacenter/vm/bases/rocky-base"},
                new String[] {"iso_name=", "iso_checksum=", "vcenter_template=bases/rocky-base"},
                new String[] {"airgap=true", "airgap_ip=https://10.10.0.5:443/"},
                new String[] {"airgap=true", "airgap_ip=10.10.0.5:443"},
                new String[] {"airgap=true", "airgap_ip=http://support.example.com/repo"},
                new String[] {"vcenter_resource_pool=Resources"},
                new String[] {"vcenter_resource_pool=Resources/builders"},
                new String[] {"vcenter_server=https://vc.example.com:8443/sdk"},
                new String[] {"vcenter_server=vc.example.com/foo"},
                new String[] {"airgap=FALSE"},
                new String[] {"image_type=Standard"},
                new String[] {"os_version=RockyLinux-8"},
                new String[] {"k8s_container_reg=http://registry.example.com:5000"}).map(a -> Arguments.of((Object) a)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixable")
    void everySuggestedValueAppliedMakesItsFindingGo(String[] assignments) {
        List<Finding> findings = validate(config(assignments), VCENTER_FROM_JENKINS);
        for (Finding f : findings) {
            if (f.suggestion() == null) {
                continue;
            }
            String fixed = f.key() + "=" + ImageConfigWriter.quote(f.suggestion());
            assertThat(f.hint()).as("the hint shows the value").contains(fixed);
            String[] applied = java.util.Arrays.copyOf(assignments, assignments.length + 1);
            applied[assignments.length] = fixed;
            List<Finding> after = validate(config(applied), VCENTER_FROM_JENKINS);
            assertThat(after).as("after applying " + fixed + " to " + String.join(", ", assignments))
                    .filteredOn(g -> f.key().equals(g.key()) && g.severity() == f.severity()).isEmpty();
        }
    }

    @Test
    void hintsThatUsedNotToValidateNowGiveValuesThatDo() {
        assertThat(validate(config("iso_name=", "iso_checksum=", "vcenter_datacenter=DC0",
                "vcenter_template=DC0/vm/bases/x"), VCENTER_FROM_JENKINS))
                .singleElement().satisfies(f -> assertThat(f.suggestion()).isEqualTo("/DC0/vm/bases/x"));
        assertThat(validate(config("airgap=true", "airgap_ip=https://10.10.0.5:443/"), VCENTER_FROM_JENKINS))
                .singleElement().satisfies(f -> assertThat(f.suggestion()).isEqualTo("10.10.0.5"));
        assertThat(validate(config("vcenter_resource_pool="), VCENTER_FROM_JENKINS)).isEmpty();
        assertThat(validate(config("vcenter_network=VM Network"), VCENTER_FROM_JENKINS)).isEmpty();
    }

    @Test
    void aPlaceholderInARequiredKeyIsNeverToldToBeEmptied() {
        assertThat(validate(config("vcenter_datastore=<vcenter-datastore>", "vcenter_template=<base-vm>",
                "iso_name=", "iso_checksum="), VCENTER_FROM_JENKINS))
                .extracting(Finding::key, Finding::hint).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("vcenter_datastore", "replace it with the real value"),
                        org.assertj.core.groups.Tuple.tuple("vcenter_template",
                                "replace it with the real value, or empty it if it does not apply to this build"));
    }

    @Test
    void oneValueIsCheckedAloneForAFormField() {
        assertThat(ImageConfigValidator.checkValue(ConfigKey.VCENTER_SERVER, "https://vc.example.com/sdk"))
                .singleElement().satisfies(f -> assertThat(f.suggestion()).isEqualTo("vc.example.com"));
        assertThat(ImageConfigValidator.checkValue(ConfigKey.VCENTER_SERVER, "vc.example.com:443")).isEmpty();
        assertThat(ImageConfigValidator.checkValue(ConfigKey.VCENTER_SERVER, "")).isEmpty();
        assertThat(ImageConfigValidator.checkValue(ConfigKey.K8S_VERSION, "v1.30.4")).singleElement()
                .satisfies(f -> assertThat(f.suggestion()).isEqualTo("1.30.4"));
        assertThat(ImageConfigValidator.checkValue(ConfigKey.VCENTER_DATACENTER, "DC0")).isEmpty();
    }

    @Test
    void noHintNamesAnOptionOfOneFrontEnd() {
        List<Finding> all = new java.util.ArrayList<>();
        rules().forEach(a -> all.addAll(validate(config((String) a.get()[0]), ValidationOptions.DEFAULTS)));
        all.addAll(ImageConfigValidator.validate(ImageConfig.of("imageconfig", java.util.Map.of("os_version", "rhel-8",
                "airgap", "true", "k8s_version", "1.99.0")), ValidationOptions.DEFAULTS));
        assertThat(all).isNotEmpty().allSatisfy(f -> assertThat(f.hint() == null ? "" : f.hint())
                .doesNotContain("--", "Jenkins", "VCENTER_", "RHEL_USER"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"vc.example.com", "vc.example.com:8443", "10.0.0.5", "10.0.0.5:443", "[fd00::5]:443",
            "fd00::5", "vcenter", "VC-01.Example.COM."})
    void acceptsHostNamesAndAddresses(String server) {
        assertThat(validate(config("vcenter_server=" + server), VCENTER_FROM_JENKINS)).isEmpty();
    }

    @Test
    void missingKeyIsReportedAgainstTheFile() {
        List<Finding> findings = validate(without("image_name"), VCENTER_FROM_JENKINS);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo(SourceLocation.of("imageconfig"));
            assertThat(f.message()).isEqualTo("`image_name` is missing");
            assertThat(f.hint()).isEqualTo("e.g. image_name=rocky-8");
            assertThat(f.format()).isEqualTo("imageconfig: error: `image_name` is missing (hint: e.g. image_name=rocky-8)");
        });
    }

    @Test
    void emptyKeyIsReportedOnItsLine() {
        assertThat(validate(config("vcenter_network="), VCENTER_FROM_JENKINS)).singleElement().satisfies(f -> {
            assertThat(f.location().line()).isEqualTo(15);
            assertThat(f.message()).isEqualTo("`vcenter_network` is empty");
        });
    }

    @Test
    void everyRequiredKeyIsReportedAtOnce() {
        List<Finding> findings = ImageConfigValidator.validate(ImageConfig.of("imageconfig", java.util.Map.of()),
                ValidationOptions.DEFAULTS);
        assertThat(findings).filteredOn(Finding::isError).extracting(Finding::key).containsExactlyInAnyOrder(
                "os_version", "image_type", "cloud_type", "image_name", "k8s_version", "cni_version",
                "containerd_version", "crictl_version", "iso_name", "vcenter_server", "vcenter_user",
                "vcenter_password", "vcenter_datacenter", "vcenter_datastore", "vcenter_network", "vcenter_folder",
                "vcenter_cluster");
        assertThat(findings).filteredOn(f -> !f.isError()).extracting(Finding::key).containsExactly("airgap");
        assertThat(findings).allSatisfy(f -> assertThat(f.hint()).isNotBlank());
    }

    @Test
    void noBaseImageIsAnError() {
        assertThat(validate(without("iso_name", "iso_checksum"), VCENTER_FROM_JENKINS)).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("no base image"));
    }

    @Test
    void isoNameWithoutChecksumAndTheReverse() {
        assertThat(validate(config("iso_checksum="), VCENTER_FROM_JENKINS)).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("iso_checksum");
            assertThat(f.location().line()).isEqualTo(10);
            assertThat(f.message()).isEqualTo("`iso_checksum` is empty: iso_name is set, so iso_checksum is required");
            assertThat(f.hint()).contains("sha256sum Rocky-8-latest-x86_64-dvd.iso");
        });
        assertThat(validate(without("iso_name"), VCENTER_FROM_JENKINS)).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("`iso_name` is missing: iso_checksum is set, so iso_name is required"));
    }

    @Test
    void vcenterTemplateAloneIsABaseAndIsDocumentedForRockyOnly() {
        String rocky = config("iso_name=", "iso_checksum=", "vcenter_template=/Datacenter/vm/rocky-base");
        assertThat(validate(rocky, VCENTER_FROM_JENKINS)).isEmpty();
        String rhel = config("os_version=rhel-8", "iso_name=", "iso_checksum=", "vcenter_template=/Datacenter/vm/rhel-base");
        ValidationOptions withRhel = new ValidationOptions(CompatibilityMode.WARN, null, Supplied.keys(true, true));
        assertThat(validate(rhel, withRhel)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("documented for Rocky Linux only");
        });
        assertThat(validate(config("iso_name=", "iso_checksum=", "vcenter_template=rocky-base"), VCENTER_FROM_JENKINS))
                .singleElement().satisfies(f -> {
                    assertThat(f.hint()).isEqualTo("vcenter_template=/Datacenter/vm/rocky-base");
                    assertThat(f.suggestion()).isEqualTo("/Datacenter/vm/rocky-base");
                });
    }

    @Test
    void airgapNeedsAnAirgapAddressInTheRightForm() {
        assertThat(validate(config("airgap=true"), VCENTER_FROM_JENKINS)).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("airgap_ip");
            assertThat(f.message()).isEqualTo("`airgap_ip` is missing: airgap=true needs airgap_ip, the air-gap support VM that serves the packages");
        });
        assertThat(validate(config("airgap=true", "airgap_ip=airgap.corp.internal"), VCENTER_FROM_JENKINS)).isEmpty();
        assertThat(validate(config("airgap=true", "airgap_ip=http://10.0.0.9/repo"), VCENTER_FROM_JENKINS))
                .singleElement().satisfies(f -> assertThat(f.hint()).isEqualTo("airgap_ip=10.0.0.9"));
        assertThat(validate(config("airgap=true", "airgap_ip=<airgap-vm-hostname>"), VCENTER_FROM_JENKINS))
                .singleElement().satisfies(f -> assertThat(f.message()).startsWith("placeholder not filled in"));
    }

    @Test
    void missingAirgapIsAWarningWithTheFix() {
        assertThat(validate(without("airgap"), VCENTER_FROM_JENKINS)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.hint()).contains("airgap=false");
        });
    }

    @Test
    void vcenterCredentialsComeFromTheFileOrFromJenkins() {
        ValidationOptions fileOnly = ValidationOptions.DEFAULTS;
        assertThat(validate(config(), fileOnly)).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("vcenter_password");
            assertThat(f.message()).isEqualTo("`vcenter_password` is missing");
            assertThat(f.hint()).contains("credentials").doesNotContain("VCENTER_PASSWORD", "--");
            assertThat(f.setting()).isEqualTo(Setting.VCENTER_CREDENTIALS);
        });
        assertThat(validate(without("vcenter_user"), fileOnly)).extracting(Finding::key)
                .containsExactlyInAnyOrder("vcenter_user", "vcenter_password");
        assertThat(validate(without("vcenter_user"), VCENTER_FROM_JENKINS)).isEmpty();
    }

    @Test
    void passwordWrittenInTheFileIsAWarningEvenWhenJenkinsSuppliesOne() {
        for (ValidationOptions o : List.of(ValidationOptions.DEFAULTS, VCENTER_FROM_JENKINS)) {
            assertThat(validate(config("vcenter_password='s3cret'"), o)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.location().line()).isEqualTo(20);
                assertThat(f.message()).contains("credentials in the file", "credentials supplied from outside the file win");
            });
        }
    }

    @Test
    void credentialPlaceholdersAreFineWhenJenkinsSuppliesTheCredentials() {
        String text = config("vcenter_user=<vcenter-user>", "vcenter_password=<vcenter-password>");
        assertThat(validate(text, VCENTER_FROM_JENKINS)).isEmpty();
        List<Finding> unsupplied = validate(text, ValidationOptions.DEFAULTS);
        assertThat(unsupplied).extracting(Finding::key).containsExactly("vcenter_user", "vcenter_password");
        assertThat(unsupplied.get(1).message()).isEqualTo("placeholder not filled in: `vcenter_password`");
    }

    @Test
    void maskedExamplePasswordCountsAsAPlaceholder() {
        assertThat(validate(config("vcenter_password='***********'"), ValidationOptions.DEFAULTS)).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("placeholder not filled in: `vcenter_password`"));
    }

    /** os, airgap, builder version, RHEL creds supplied, user in file, pass in file → expected findings. */
    static Stream<Arguments> rhelRules() {
        return Stream.of(
                Arguments.of("rhel-8", "false", null, false, false, false,
                        List.of("error rhel_subscription_user: a connected RHEL build needs a Red Hat subscription",
                                "error rhel_subscription_pass: a connected RHEL build needs a Red Hat subscription")),
                Arguments.of("rhel-9", "false", "4.6.24", true, false, false, List.of()),
                Arguments.of("rhel-8", "false", null, false, true, true,
                        List.of("warning rhel_subscription_pass: credentials in the file")),
                Arguments.of("rhel-8", "false", null, false, true, false,
                        List.of("error rhel_subscription_pass: a connected RHEL build needs a Red Hat subscription")),
                Arguments.of("rhel-8", "true", "4.4.4", false, false, false,
                        List.of("error rhel_subscription_user: builder 4.4.4 (before 4.6.0)",
                                "error rhel_subscription_pass: builder 4.4.4 (before 4.6.0)")),
                Arguments.of("rhel-8", "true", "4.4.4", true, false, false, List.of()),
                Arguments.of("rhel-8", "true", "4.6.0", false, false, false, List.of()),
                Arguments.of("rhel-8", "true", "4.6.24", false, false, false, List.of()),
                Arguments.of("rhel-8", "true", null, false, false, false,
                        List.of("warning rhel_subscription_user: the builder version is unknown")),
                Arguments.of("rockylinux-8", "false", null, false, true, false,
                        List.of("warning rhel_subscription_user: a Rocky Linux build does not use them")),
                Arguments.of("rockylinux-9", "true", "4.6.24", true, false, false,
                        List.of("warning rhel_subscription_user: were supplied but a Rocky Linux build does not use them")),
                Arguments.of("rockylinux-8", "false", null, false, false, false, List.of()));
    }

    @ParameterizedTest(name = "{0} airgap={1} builder={2} supplied={3} user={4} pass={5}")
    @MethodSource("rhelRules")
    void rhelSubscriptionRules(String os, String airgap, String builder, boolean supplied, boolean userInFile,
                               boolean passInFile, List<String> expected) {
        List<String> a = new ArrayList<>(List.of("os_version=" + os, "airgap=" + airgap));
        if (airgap.equals("true")) {
            a.add("airgap_ip=10.0.0.9");
        }
        if (userInFile) {
            a.add("rhel_subscription_user=dev@example.com");
        }
        if (passInFile) {
            a.add("rhel_subscription_pass='pw'");
        }
        List<Finding> findings = validate(config(a.toArray(String[]::new)),
                new ValidationOptions(CompatibilityMode.WARN, builder, Supplied.keys(true, supplied)));
        assertThat(findings).as(findings.toString()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            String[] parts = expected.get(i).split(" ", 3);
            Finding f = findings.get(i);
            assertThat(f.severity().label()).isEqualTo(parts[0]);
            assertThat(f.key()).isEqualTo(parts[1].replace(":", ""));
            assertThat(f.message()).contains(parts[2]);
            assertThat(f.hint()).isNotBlank();
        }
    }

    @Test
    void compatibilityModeDecidesSeverity() {
        String text = config("k8s_version=1.30.5");
        ValidationOptions strict = new ValidationOptions(CompatibilityMode.STRICT, null, Supplied.keys(true, false));
        ValidationOptions off = new ValidationOptions(CompatibilityMode.OFF, null, Supplied.keys(true, false));
        assertThat(validate(text, VCENTER_FROM_JENKINS)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).isEqualTo("Kubernetes 1.30.5 is not in the compatibility matrix");
            assertThat(f.hint()).contains("1.31.0, 1.30.4, 1.29.4, 1.28.9, 1.27.13");
        });
        assertThat(validate(text, strict)).singleElement().satisfies(f -> assertThat(f.isError()).isTrue());
        assertThat(validate(text, off)).isEmpty();
        assertThat(validate(config("cni_version=1.2.0"), strict)).singleElement()
                .satisfies(f -> assertThat(f.isError()).isTrue());
    }

    @ParameterizedTest
    @MethodSource("matrixRows")
    void everyMatrixRowIsAccepted(CompatibilityMatrix.Row row) {
        ValidationOptions strict = new ValidationOptions(CompatibilityMode.STRICT, null, Supplied.keys(true, false));
        assertThat(validate(config("k8s_version=" + row.kubernetes(), "cni_version=" + row.cni(),
                "containerd_version=" + row.containerd(), "crictl_version=" + row.crictl()), strict)).isEmpty();
    }

    static Stream<CompatibilityMatrix.Row> matrixRows() {
        return CompatibilityMatrix.builtIn().rows().stream();
    }

    @Test
    void unfilledVendorTemplateReportsEachPlaceholderOnItsLine() throws Exception {
        ParsedConfig p = new ImageConfigParser().parse(ImageConfigParserTest.fixture("template-unfilled"));
        List<Finding> findings = ImageConfigValidator.validate(p.config(), ValidationOptions.DEFAULTS);
        assertThat(findings).extracting(f -> f.location().line())
                .containsExactly(31, 38, 39, 40, 41, 42, 43, 44, 45, 46);
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).startsWith("placeholder not filled in"));
        assertThat(findings.get(0).hint()).isEqualTo("run sha256sum Rocky-8-latest-x86_64-dvd.iso and write the 64 hex digits");
        assertThat(findings.get(3).hint()).contains("credentials");
        assertThat(findings.get(3).setting()).isEqualTo(Setting.VCENTER_CREDENTIALS);
        assertThat(ImageConfigValidator.validate(p.config(), VCENTER_FROM_JENKINS)).extracting(f -> f.location().line())
                .containsExactly(31, 38, 41, 42, 43, 44, 45, 46);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void documentedExamplesAreValid(String name, ValidationOptions options) throws Exception {
        ParsedConfig p = new ImageConfigParser().parse(ImageConfigParserTest.fixture(name));
        assertThat(ImageConfigValidator.validate(p.config(), options)).isEmpty();
    }

    static Stream<Arguments> fixtures() {
        ValidationOptions jenkins = new ValidationOptions(CompatibilityMode.STRICT, "4.6.24", Supplied.keys(true, true));
        ValidationOptions vcenterOnly = new ValidationOptions(CompatibilityMode.STRICT, "4.6.24", Supplied.keys(true, false));
        return Stream.of(Arguments.of("rocky-iso", vcenterOnly), Arguments.of("rhel-connected", jenkins),
                Arguments.of("rhel-airgap", vcenterOnly), Arguments.of("rocky-vm-template", vcenterOnly),
                Arguments.of("rocky-airgap", vcenterOnly));
    }

    @Test
    void noFindingQuotesASecretValue() {
        String secret = "Sup3r-Secret-Value";
        String text = config("vcenter_password='" + secret + "'", "rhel_subscription_pass='" + secret + "'",
                "aws_secret_key=" + secret, "azure_client_secret=" + secret, "vcenter_pasword=" + secret,
                "os_version=rhel-8", "airgap=true", "rhel_subscription_user=<" + secret + ">");
        List<Finding> findings = validate(text, ValidationOptions.DEFAULTS);
        assertThat(findings).hasSizeGreaterThan(3);
        assertThat(findings).allSatisfy(f -> assertThat(f.format()).doesNotContain(secret));
        String placeholderSecret = config("vcenter_password=<" + secret + ">");
        assertThat(validate(placeholderSecret, ValidationOptions.DEFAULTS))
                .allSatisfy(f -> assertThat(f.format()).doesNotContain(secret));
    }
}
