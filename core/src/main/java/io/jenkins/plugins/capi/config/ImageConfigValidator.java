package io.jenkins.plugins.capi.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an image config against the vendor's documented rules and the compatibility matrix, and returns every
 * finding at once, in file order. Each finding names the key, the line it is on (or the file when the key is
 * missing) and how to fix it. No finding quotes the value of a secret key. Whether the ISO file exists is not
 * checked here; the build does that.
 */
public final class ImageConfigValidator {

    public static final List<String> OS_VERSIONS = List.of("rhel-8", "rhel-9", "rockylinux-8", "rockylinux-9");
    public static final List<String> IMAGE_TYPES = List.of("standard", "fips");
    /** Longest {@code image_name} accepted: it becomes a vSphere VM name and a folder name. */
    public static final int MAX_IMAGE_NAME_LENGTH = 80;

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern VERSION_IN_TEXT = Pattern.compile("(\\d+\\.\\d+\\.\\d+)");
    private static final Pattern SHA256 = Pattern.compile("[0-9A-Fa-f]{64}");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z0-9][A-Za-z0-9 _.-]*>");
    private static final Pattern MASKED = Pattern.compile("\\*{3,}");
    private static final List<ConfigKey> VSPHERE_PLACEMENT = List.of(ConfigKey.VCENTER_DATACENTER,
            ConfigKey.VCENTER_DATASTORE, ConfigKey.VCENTER_NETWORK, ConfigKey.VCENTER_FOLDER,
            ConfigKey.VCENTER_CLUSTER, ConfigKey.VCENTER_RESOURCE_POOL);

    private ImageConfigValidator() {}

    /** Validates against the built-in compatibility matrix. */
    public static List<Finding> validate(ImageConfig config, ValidationOptions options) {
        return validate(config, options, CompatibilityMatrix.builtIn());
    }

    public static List<Finding> validate(ImageConfig config, ValidationOptions options, CompatibilityMatrix matrix) {
        return new Check(config, options, matrix).run();
    }

    /** One validation: the config, the options and the findings collected so far. */
    private static final class Check {
        private final ImageConfig config;
        private final ValidationOptions options;
        private final CompatibilityMatrix matrix;
        private final List<Finding> findings = new ArrayList<>();
        private final Set<String> placeholders = new HashSet<>();

        Check(ImageConfig config, ValidationOptions options, CompatibilityMatrix matrix) {
            this.config = config;
            this.options = options;
            this.matrix = matrix;
        }

        List<Finding> run() {
            placeholders();
            osAndImage();
            versions();
            base();
            vsphere();
            rhel();
            reservedKeys();
            airgap();
            downloadOverrides();
            compatibility();
            List<Finding> sorted = new ArrayList<>(findings);
            // File order; findings about missing keys (line 0) go last.
            sorted.sort(Comparator.comparingInt(f -> f.location().hasLine() ? f.location().line() : Integer.MAX_VALUE));
            return List.copyOf(sorted);
        }

        private void placeholders() {
            for (ImageConfig.Entry e : config.entries().values()) {
                if (!e.isSet()) {
                    continue;
                }
                boolean secret = ConfigKey.isSecret(e.key());
                String v = e.value();
                boolean placeholder = secret ? PLACEHOLDER.matcher(v).matches() || MASKED.matcher(v).matches()
                        : PLACEHOLDER.matcher(v).find() || MASKED.matcher(v).matches();
                if (placeholder) {
                    placeholders.add(e.key());
                    if (suppliedCredential(e.key())) {
                        continue; // the supplied credential replaces it
                    }
                    // Credential keys are never echoed, not even the user names.
                    boolean credential = secret || e.key().equals(ConfigKey.VCENTER_USER.key())
                            || e.key().equals(ConfigKey.RHEL_SUBSCRIPTION_USER.key());
                    String shown = credential ? "" : " (it still reads " + v + ")";
                    error(e.key(), "placeholder not filled in: `" + e.key() + "`" + shown, placeholderHint(e.key()));
                }
            }
        }

        private String placeholderHint(String key) {
            return switch (ConfigKey.byName(key).orElse(ConfigKey.CERT_URL)) {
                case VCENTER_USER, VCENTER_PASSWORD ->
                        "supply the vCenter credential in Jenkins (VCENTER_USER/VCENTER_PASSWORD for the CLI), or write the real value";
                case RHEL_SUBSCRIPTION_USER, RHEL_SUBSCRIPTION_PASS ->
                        "supply the RHEL credential in Jenkins (RHEL_USER/RHEL_PASSWORD for the CLI), write the real value,"
                                + " or empty it when the build needs no subscription";
                case ISO_CHECKSUM -> "run sha256sum "
                        + (config.isoName().isEmpty() ? "<iso>" : config.isoName()) + " and write the 64 hex digits";
                default -> "replace it with the real value, or leave the value empty if the key does not apply";
            };
        }

        private boolean suppliedCredential(String key) {
            return (options.vcenterCredentialsSupplied()
                    && (key.equals(ConfigKey.VCENTER_USER.key()) || key.equals(ConfigKey.VCENTER_PASSWORD.key())))
                    || (options.rhelCredentialsSupplied() && (key.equals(ConfigKey.RHEL_SUBSCRIPTION_USER.key())
                    || key.equals(ConfigKey.RHEL_SUBSCRIPTION_PASS.key())));
        }

        private void osAndImage() {
            required(ConfigKey.OS_VERSION, "e.g. os_version=rockylinux-8").ifPresent(v ->
                    oneOf(ConfigKey.OS_VERSION, v, OS_VERSIONS));
            required(ConfigKey.IMAGE_TYPE, "image_type=standard, or fips for a FIPS image").ifPresent(v ->
                    oneOf(ConfigKey.IMAGE_TYPE, v, IMAGE_TYPES));
            required(ConfigKey.CLOUD_TYPE, "cloud_type=vmware").ifPresent(v -> {
                if (List.of("aws", "azure", "gcp").contains(v)) {
                    error(ConfigKey.CLOUD_TYPE, "cloud_type " + v + " is reserved for future use; only vmware is supported",
                            "cloud_type=vmware");
                } else if (!v.equals("vmware")) {
                    error(ConfigKey.CLOUD_TYPE, "cloud_type " + v + " is not supported; only vmware is",
                            "cloud_type=vmware");
                }
            });
            required(ConfigKey.IMAGE_NAME, "e.g. image_name=rocky-8").ifPresent(this::imageName);
        }

        private void imageName(String v) {
            ConfigKey key = ConfigKey.IMAGE_NAME;
            String hint = "use letters, digits, dots, dashes and underscores, e.g. image_name=rocky-8";
            if (v.indexOf('/') >= 0 || v.indexOf('\\') >= 0) {
                error(key, "image_name must not contain / or \\: it becomes a folder and a VM name", hint);
            } else if (v.contains("..") || v.equals(".")) {
                error(key, "image_name must not be . or contain ..: it becomes a folder name", hint);
            } else if (v.chars().anyMatch(Character::isISOControl)) {
                error(key, "image_name contains a control character", hint);
            } else if (!v.strip().equals(v)) {
                error(key, "image_name starts or ends with a space", "image_name=" + ImageConfigWriter.quote(v.strip()));
            } else if (v.length() > MAX_IMAGE_NAME_LENGTH) {
                error(key, "image_name is " + v.length() + " characters long; at most " + MAX_IMAGE_NAME_LENGTH
                        + " are allowed (vSphere VM names are limited)", "use a shorter name");
            }
        }

        private void versions() {
            for (ConfigKey key : List.of(ConfigKey.K8S_VERSION, ConfigKey.CNI_VERSION,
                    ConfigKey.CONTAINERD_VERSION, ConfigKey.CRICTL_VERSION)) {
                required(key, "e.g. " + key + "=" + exampleVersion(key)).ifPresent(v -> {
                    if (VERSION.matcher(v).matches()) {
                        return;
                    }
                    if ((v.startsWith("v") || v.startsWith("V")) && VERSION.matcher(v.substring(1)).matches()) {
                        error(key, key + " " + v + " starts with a v", "drop the v: " + key + "=" + v.substring(1));
                    } else {
                        error(key, key + " " + v + " is not a version of the form X.Y.Z",
                                "e.g. " + key + "=" + exampleVersion(key));
                    }
                });
            }
        }

        private String exampleVersion(ConfigKey key) {
            CompatibilityMatrix.Row r = matrix.rows().get(0);
            return switch (key) {
                case CNI_VERSION -> r.cni();
                case CONTAINERD_VERSION -> r.containerd();
                case CRICTL_VERSION -> r.crictl();
                default -> r.kubernetes();
            };
        }

        private void base() {
            Optional<String> iso = usable(ConfigKey.ISO_NAME);
            Optional<String> checksum = usable(ConfigKey.ISO_CHECKSUM);
            Optional<String> template = usable(ConfigKey.VCENTER_TEMPLATE);
            boolean anyPlaceholder = placeholders.contains(ConfigKey.ISO_NAME.key())
                    || placeholders.contains(ConfigKey.ISO_CHECKSUM.key()) || placeholders.contains(ConfigKey.VCENTER_TEMPLATE.key());
            if (template.isPresent() && (iso.isPresent() || checksum.isPresent())) {
                error(ConfigKey.VCENTER_TEMPLATE, "vcenter_template and iso_name/iso_checksum are both set; a build"
                                + " starts either from an ISO or from an existing VM",
                        "empty iso_name and iso_checksum to clone vcenter_template, or empty vcenter_template to install from the ISO");
            } else if (template.isEmpty() && iso.isEmpty() && checksum.isEmpty() && !anyPlaceholder) {
                error(ConfigKey.ISO_NAME, "no base image: neither iso_name and iso_checksum nor vcenter_template is set",
                        "set iso_name and iso_checksum to install from an ISO, or vcenter_template to clone a VM");
            } else if (template.isEmpty()) {
                if (iso.isPresent() && checksum.isEmpty() && !placeholders.contains(ConfigKey.ISO_CHECKSUM.key())) {
                    missing(ConfigKey.ISO_CHECKSUM, "iso_name is set, so iso_checksum is required",
                            "run sha256sum " + iso.get() + " and write the 64 hex digits: iso_checksum=<digest>");
                } else if (checksum.isPresent() && iso.isEmpty() && !placeholders.contains(ConfigKey.ISO_NAME.key())) {
                    missing(ConfigKey.ISO_NAME, "iso_checksum is set, so iso_name is required",
                            "write the ISO's file name, e.g. iso_name=Rocky-8-latest-x86_64-dvd.iso");
                }
            }
            iso.ifPresent(this::isoName);
            checksum.ifPresent(this::isoChecksum);
            template.ifPresent(t -> {
                if (config.osVersion().startsWith("rhel-")) {
                    warning(ConfigKey.VCENTER_TEMPLATE, "cloning an existing VM (vcenter_template) is documented"
                            + " for Rocky Linux only", "install RHEL from the ISO, or make sure your builder supports it");
                }
                if (!t.startsWith("/")) {
                    warning(ConfigKey.VCENTER_TEMPLATE, "vcenter_template should be the VM's full inventory path",
                            "e.g. vcenter_template=/" + orExample(config.vcenterDatacenter(), "Datacenter") + "/vm/" + t);
                }
            });
        }

        private static String orExample(String value, String example) {
            return value.isEmpty() ? example : value;
        }

        private void isoName(String v) {
            ConfigKey key = ConfigKey.ISO_NAME;
            if (v.indexOf('/') >= 0 || v.indexOf('\\') >= 0) {
                String base = v.substring(Math.max(v.lastIndexOf('/'), v.lastIndexOf('\\')) + 1);
                error(key, "iso_name must be a plain file name, not a path",
                        "put the ISO into the output folder and write only its name: iso_name=" + base);
            } else if (v.equals("..") || v.equals(".")) {
                error(key, "iso_name must be a file name", "e.g. iso_name=Rocky-8-latest-x86_64-dvd.iso");
            } else if (v.chars().anyMatch(Character::isISOControl)) {
                error(key, "iso_name contains a control character", "rename the ISO file");
            } else if (v.toLowerCase(Locale.ROOT).endsWith("boot.iso")) {
                warning(key, "iso_name looks like a boot ISO; the builder needs the full DVD ISO",
                        "download the x86_64-dvd.iso image instead");
            } else if (!v.toLowerCase(Locale.ROOT).endsWith(".iso")) {
                warning(key, "iso_name does not end in .iso", "check that it names the DVD ISO file");
            }
        }

        private void isoChecksum(String v) {
            ConfigKey key = ConfigKey.ISO_CHECKSUM;
            int colon = v.indexOf(':');
            if (colon >= 0) {
                String prefix = v.substring(0, colon);
                String rest = v.substring(colon + 1);
                if (prefix.equalsIgnoreCase("sha256") && SHA256.matcher(rest).matches()) {
                    error(key, "iso_checksum must be the bare SHA-256 digest, without a sha256: prefix",
                            "drop the prefix: iso_checksum=" + rest);
                } else {
                    error(key, "iso_checksum must be a bare SHA-256 digest (64 hexadecimal digits)",
                            "run sha256sum on the ISO and copy the first field");
                }
            } else if (!SHA256.matcher(v).matches()) {
                String extra = v.length() > 64 && SHA256.matcher(v.substring(0, 64)).matches()
                        ? "copy only the 64 hex digits, not the file name after them"
                        : "run sha256sum on the ISO and copy the first field";
                error(key, "iso_checksum is not a SHA-256 digest: it must be 64 hexadecimal digits, it has "
                        + v.length() + " characters", extra);
            }
        }

        private void vsphere() {
            required(ConfigKey.VCENTER_SERVER, "e.g. vcenter_server=vcenter.example.com").ifPresent(v -> {
                ConfigKey key = ConfigKey.VCENTER_SERVER;
                if (HostAddress.hasSchemeOrPath(v)) {
                    error(key, "vcenter_server must be a host name or IP address, without https:// or a path",
                            "vcenter_server=" + HostAddress.withoutSchemeAndPath(v));
                } else {
                    HostAddress.problem(v, true).ifPresent(p -> error(key, "vcenter_server " + v + " " + p,
                            "write the vCenter host name or IP address, optionally with :port"));
                }
            });
            String credentialHint = "supply the vCenter credential in Jenkins (VCENTER_USER/VCENTER_PASSWORD for the CLI), or set it in the file";
            if (!options.vcenterCredentialsSupplied()) {
                required(ConfigKey.VCENTER_USER, credentialHint);
                required(ConfigKey.VCENTER_PASSWORD, credentialHint);
            }
            credentialsInFile(ConfigKey.VCENTER_PASSWORD, "VCENTER_PASSWORD");
            for (ConfigKey key : VSPHERE_PLACEMENT) {
                required(key, "the name as vCenter shows it, e.g. " + key + "=" + placementExample(key));
            }
        }

        private static String placementExample(ConfigKey key) {
            return switch (key) {
                case VCENTER_DATACENTER -> "Datacenter";
                case VCENTER_DATASTORE -> "datastore1";
                case VCENTER_NETWORK -> "VM Network";
                case VCENTER_FOLDER -> "templates";
                case VCENTER_CLUSTER -> "Cluster";
                default -> "Resources";
            };
        }

        private void credentialsInFile(ConfigKey key, String environmentName) {
            if (usable(key).isPresent()) {
                warning(key, "credentials in the file: `" + key + "` is written in the image config; credentials"
                                + " supplied by Jenkins/environment win",
                        "remove it from the file and supply it as a Jenkins credential (" + environmentName
                                + " for the CLI)");
            }
        }

        private void rhel() {
            String os = config.osVersion();
            if (!OS_VERSIONS.contains(os)) {
                return;
            }
            ConfigKey user = ConfigKey.RHEL_SUBSCRIPTION_USER;
            ConfigKey pass = ConfigKey.RHEL_SUBSCRIPTION_PASS;
            if (os.startsWith("rockylinux-")) {
                if (usable(user).isPresent() || usable(pass).isPresent()) {
                    warning(usable(user).isPresent() ? user : pass, "RHEL subscription credentials are set but a"
                            + " Rocky Linux build does not use them", "remove rhel_subscription_user and rhel_subscription_pass");
                } else if (options.rhelCredentialsSupplied()) {
                    warning(user, "RHEL subscription credentials were supplied but a Rocky Linux build does not use them",
                            "do not bind RHEL credentials to this build");
                }
                return;
            }
            if (!os.startsWith("rhel-")) {
                return;
            }
            credentialsInFile(pass, "RHEL_PASSWORD");
            if (options.rhelCredentialsSupplied()) {
                return;
            }
            Optional<BuilderVersion> builder = options.parsedBuilderVersion();
            String why;
            if (!config.airgap()) {
                why = "a connected RHEL build needs a Red Hat subscription";
            } else if (builder.isPresent() && builder.get().isBefore(BuilderVersion.AIRGAP_WITHOUT_RHEL_CREDENTIALS)) {
                why = "an air-gapped RHEL build with builder " + builder.get() + " (before 4.6.0) needs a Red Hat subscription";
            } else {
                if (builder.isEmpty() && (usable(user).isEmpty() || usable(pass).isEmpty())) {
                    warning(user, "the builder version is unknown; air-gapped RHEL builds with builders before 4.6.0"
                                    + " need RHEL subscription credentials",
                            "give the builder version (--builder-version), or supply RHEL credentials");
                }
                return;
            }
            String hint = "supply the RHEL subscription credential in Jenkins (RHEL_USER/RHEL_PASSWORD for the CLI), or set it in the file";
            for (ConfigKey key : List.of(user, pass)) {
                if (usable(key).isEmpty() && !isPlaceholder(key)) {
                    missing(key, why, hint);
                }
            }
        }

        private void reservedKeys() {
            for (ConfigKey k : ConfigKey.values()) {
                if (k.reserved() && usable(k).isPresent()) {
                    error(k, "`" + k.key() + "` is reserved for future use and must stay empty",
                            "empty it: only vSphere builds are supported");
                }
            }
        }

        private void airgap() {
            ConfigKey key = ConfigKey.AIRGAP;
            Optional<String> airgap = usable(key);
            if (airgap.isEmpty()) {
                if (!isPlaceholder(key)) {
                    warning(key, config.entry(key).isPresent() ? "`airgap` is empty" : "`airgap` is missing",
                            "write airgap=false for a connected build, or airgap=true for an air-gapped one");
                }
            } else if (!airgap.get().equals("true") && !airgap.get().equals("false")) {
                String lower = airgap.get().toLowerCase(Locale.ROOT);
                error(key, "airgap must be true or false, not " + airgap.get(),
                        lower.equals("true") || lower.equals("false") ? "write it in lower case: airgap=" + lower
                                : "write airgap=true or airgap=false");
            }
            ConfigKey ipKey = ConfigKey.AIRGAP_IP;
            Optional<String> ip = usable(ipKey);
            if (airgap.filter("true"::equals).isPresent()) {
                if (ip.isEmpty() && !isPlaceholder(ipKey)) {
                    missing(ipKey, "airgap=true needs airgap_ip, the air-gap support VM that serves the packages",
                            "write the support VM's host name or IP, in the same form used with airgap-setup.sh");
                }
                ip.ifPresent(v -> {
                    if (HostAddress.hasSchemeOrPath(v)) {
                        error(ipKey, "airgap_ip must be a host name or IP address, without a scheme or a path",
                                "airgap_ip=" + HostAddress.withoutSchemeAndPath(v));
                    } else {
                        HostAddress.problem(v, false).ifPresent(p -> error(ipKey, "airgap_ip " + v + " " + p,
                                "write the support VM's host name or IP address"));
                    }
                });
            } else if (airgap.filter("false"::equals).isPresent() && ip.isPresent()) {
                warning(ipKey, "airgap_ip is set but airgap=false, so it is not used",
                        "empty airgap_ip, or set airgap=true for an air-gapped build");
            }
        }

        private void downloadOverrides() {
            url(ConfigKey.CONTAINERD_URL, true).ifPresent(u ->
                    versionInUrl(ConfigKey.CONTAINERD_URL, u, ConfigKey.CONTAINERD_VERSION));
            url(ConfigKey.CRICTL_URL, true).ifPresent(u ->
                    versionInUrl(ConfigKey.CRICTL_URL, u, ConfigKey.CRICTL_VERSION));
            url(ConfigKey.K8S_RPM_KEY, false);
            url(ConfigKey.K8S_RPM_SERVER, false);
            usable(ConfigKey.K8S_CONTAINER_REG).ifPresent(v -> {
                if (v.contains("://")) {
                    error(ConfigKey.K8S_CONTAINER_REG, "k8s_container_reg is a registry host, without a scheme",
                            "k8s_container_reg=" + v.substring(v.indexOf("://") + 3));
                }
            });
            usable(ConfigKey.CERT_URL).ifPresent(v -> warning(ConfigKey.CERT_URL,
                    "cert_url is reserved for future use; the builder does not use it", "leave cert_url empty"));
        }

        /** The value of a URL key if it is an http(s) URL; otherwise reports it (error or warning). */
        private Optional<String> url(ConfigKey key, boolean mustBeUrl) {
            Optional<String> v = usable(key);
            if (v.isEmpty()) {
                return v;
            }
            try {
                URI uri = new URI(v.get());
                String scheme = uri.getScheme();
                if (scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                        && uri.getHost() != null) {
                    return v;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            String message = key + " is not an http:// or https:// URL";
            String hint = "e.g. " + key + "=https://repo.example.com/...";
            if (mustBeUrl) {
                error(key, message, hint);
            } else {
                warning(key, message, hint);
            }
            return Optional.empty();
        }

        private void versionInUrl(ConfigKey urlKey, String url, ConfigKey versionKey) {
            Optional<String> version = usable(versionKey).filter(x -> VERSION.matcher(x).matches());
            if (version.isEmpty()) {
                return;
            }
            String fileName = url.substring(url.lastIndexOf('/') + 1);
            if (containsVersion(fileName, version.get()) || containsVersion(url, version.get())) {
                return;
            }
            Matcher m = VERSION_IN_TEXT.matcher(fileName);
            if (!m.find()) {
                m = VERSION_IN_TEXT.matcher(url);
                if (!m.find()) {
                    warning(urlKey, urlKey + " does not show a version, so it cannot be checked against "
                            + versionKey + " " + version.get(), "make sure it downloads version " + version.get());
                    return;
                }
            }
            error(urlKey, urlKey + " downloads version " + m.group(1) + " but " + versionKey + " is " + version.get(),
                    "make them agree: " + versionKey + "=" + m.group(1) + ", or a URL for " + version.get());
        }

        private static boolean containsVersion(String text, String version) {
            Matcher m = VERSION_IN_TEXT.matcher(text);
            while (m.find()) {
                if (m.group(1).equals(version)) {
                    return true;
                }
            }
            return false;
        }

        private void compatibility() {
            if (options.compatibility() == CompatibilityMode.OFF) {
                return;
            }
            Optional<String> k8s = usable(ConfigKey.K8S_VERSION).filter(v -> VERSION.matcher(v).matches());
            if (k8s.isEmpty()) {
                return;
            }
            Optional<CompatibilityMatrix.Row> row = matrix.rowFor(k8s.get());
            if (row.isEmpty()) {
                compat(ConfigKey.K8S_VERSION, "Kubernetes " + k8s.get() + " is not in the compatibility matrix",
                        "use one of " + String.join(", ", matrix.kubernetesVersions())
                                + ", or run with --compatibility off if you know this pairing works");
                return;
            }
            CompatibilityMatrix.Row r = row.get();
            compatComponent(ConfigKey.CNI_VERSION, r.cni(), r);
            compatComponent(ConfigKey.CONTAINERD_VERSION, r.containerd(), r);
            compatComponent(ConfigKey.CRICTL_VERSION, r.crictl(), r);
        }

        private void compatComponent(ConfigKey key, String expected, CompatibilityMatrix.Row row) {
            usable(key).filter(v -> VERSION.matcher(v).matches() && !v.equals(expected)).ifPresent(v ->
                    compat(key, key + " " + v + " differs from the compatibility matrix row for Kubernetes "
                            + row.kubernetes() + " (" + row.describe() + ")", key + "=" + expected));
        }

        private void compat(ConfigKey key, String message, String hint) {
            if (options.compatibility() == CompatibilityMode.STRICT) {
                error(key, message, hint);
            } else {
                warning(key, message, hint);
            }
        }

        // --- small helpers ---

        /** The value when set and not a placeholder. */
        private Optional<String> usable(ConfigKey key) {
            return isPlaceholder(key) ? Optional.empty() : config.value(key);
        }

        private boolean isPlaceholder(ConfigKey key) {
            return placeholders.contains(key.key());
        }

        /** The value; reports the key as missing (error) unless it holds a placeholder, which is reported already. */
        private Optional<String> required(ConfigKey key, String hint) {
            Optional<String> v = usable(key);
            if (v.isEmpty() && !isPlaceholder(key)) {
                missing(key, null, hint);
            }
            return v;
        }

        private void missing(ConfigKey key, String reason, String hint) {
            String what = config.entry(key).isPresent() ? "`" + key + "` is empty" : "`" + key + "` is missing";
            error(key, reason == null ? what : what + ": " + reason, hint);
        }

        private void oneOf(ConfigKey key, String value, List<String> allowed) {
            if (allowed.contains(value)) {
                return;
            }
            String suggestion = allowed.stream()
                    .min(Comparator.comparingInt(a -> EditDistance.between(value.toLowerCase(Locale.ROOT), a)))
                    .filter(a -> EditDistance.between(value.toLowerCase(Locale.ROOT), a) <= 3)
                    .map(a -> "did you mean " + key + "=" + a + "?")
                    .orElse("use one of " + String.join(", ", allowed));
            error(key, key + " " + value + " is not one of " + String.join(", ", allowed), suggestion);
        }

        private void error(ConfigKey key, String message, String hint) {
            error(key.key(), message, hint);
        }

        private void error(String key, String message, String hint) {
            findings.add(Finding.error(key, config.locationOf(key), message, hint));
        }

        private void warning(ConfigKey key, String message, String hint) {
            findings.add(Finding.warning(key, config.locationOf(key), message, hint));
        }
    }
}
