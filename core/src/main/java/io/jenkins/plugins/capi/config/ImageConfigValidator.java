package io.jenkins.plugins.capi.config;

import static io.jenkins.plugins.capi.config.ConfigKey.AIRGAP;
import static io.jenkins.plugins.capi.config.ConfigKey.AIRGAP_IP;
import static io.jenkins.plugins.capi.config.ConfigKey.CERT_URL;
import static io.jenkins.plugins.capi.config.ConfigKey.CLOUD_TYPE;
import static io.jenkins.plugins.capi.config.ConfigKey.CNI_VERSION;
import static io.jenkins.plugins.capi.config.ConfigKey.CONTAINERD_URL;
import static io.jenkins.plugins.capi.config.ConfigKey.CONTAINERD_VERSION;
import static io.jenkins.plugins.capi.config.ConfigKey.CRICTL_URL;
import static io.jenkins.plugins.capi.config.ConfigKey.CRICTL_VERSION;
import static io.jenkins.plugins.capi.config.ConfigKey.IMAGE_NAME;
import static io.jenkins.plugins.capi.config.ConfigKey.IMAGE_TYPE;
import static io.jenkins.plugins.capi.config.ConfigKey.ISO_CHECKSUM;
import static io.jenkins.plugins.capi.config.ConfigKey.ISO_NAME;
import static io.jenkins.plugins.capi.config.ConfigKey.K8S_CONTAINER_REG;
import static io.jenkins.plugins.capi.config.ConfigKey.K8S_RPM_KEY;
import static io.jenkins.plugins.capi.config.ConfigKey.K8S_RPM_SERVER;
import static io.jenkins.plugins.capi.config.ConfigKey.K8S_VERSION;
import static io.jenkins.plugins.capi.config.ConfigKey.OS_VERSION;
import static io.jenkins.plugins.capi.config.ConfigKey.RHEL_SUBSCRIPTION_PASS;
import static io.jenkins.plugins.capi.config.ConfigKey.RHEL_SUBSCRIPTION_USER;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_CLUSTER;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_DATACENTER;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_DATASTORE;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_FOLDER;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_NETWORK;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_PASSWORD;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_RESOURCE_POOL;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_SERVER;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_TEMPLATE;
import static io.jenkins.plugins.capi.config.ConfigKey.VCENTER_USER;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an image config against the vendor's documented rules and the compatibility matrix, and returns every
 * finding at once, in file order. Each finding names the key, the line it is on (or the file when the key is
 * missing) and how to fix it; where a concrete value fixes it, the finding carries it ({@link Finding#suggestion()})
 * and that value passes this validator. No finding quotes the value of a secret key or of a credential user name.
 * Whether the ISO file exists is not checked here; the ISO check does that.
 */
public final class ImageConfigValidator {

    public static final List<String> OS_VERSIONS = List.of("rhel-8", "rhel-9", "rockylinux-8", "rockylinux-9");
    public static final List<String> IMAGE_TYPES = List.of("standard", "fips");
    /** Longest {@code image_name} accepted: it becomes a vSphere VM name and a folder name. */
    public static final int MAX_IMAGE_NAME_LENGTH = 80;

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern VERSION_IN_TEXT = Pattern.compile("(\\d+\\.\\d+\\.\\d+)");
    private static final Pattern SHA256 = Pattern.compile("[0-9A-Fa-f]{64}");
    private static final List<ConfigKey> VERSIONS = List.of(K8S_VERSION, CNI_VERSION, CONTAINERD_VERSION, CRICTL_VERSION);
    /** Placement keys vCenter needs; an empty resource pool means the cluster's root pool, so it is not here. */
    private static final List<ConfigKey> VSPHERE_PLACEMENT = List.of(VCENTER_DATACENTER, VCENTER_DATASTORE,
            VCENTER_NETWORK, VCENTER_FOLDER, VCENTER_CLUSTER);
    /** Keys a build cannot do without; a placeholder in any other key may also be emptied. */
    private static final Set<ConfigKey> REQUIRED = EnumSet.of(OS_VERSION, IMAGE_TYPE, IMAGE_NAME, CLOUD_TYPE,
            K8S_VERSION, CNI_VERSION, CONTAINERD_VERSION, CRICTL_VERSION, VCENTER_SERVER, VCENTER_USER,
            VCENTER_PASSWORD, VCENTER_DATACENTER, VCENTER_DATASTORE, VCENTER_NETWORK, VCENTER_FOLDER, VCENTER_CLUSTER);
    private static final Map<ConfigKey, String> PLACEMENT_EXAMPLES = Map.of(VCENTER_DATACENTER, "Datacenter",
            VCENTER_DATASTORE, "datastore1", VCENTER_NETWORK, "VM Network", VCENTER_FOLDER, "templates",
            VCENTER_CLUSTER, "Cluster");

    private ImageConfigValidator() {}

    /** Validates against the built-in compatibility matrix. */
    public static List<Finding> validate(ImageConfig config, ValidationOptions options) {
        return validate(config, options, CompatibilityMatrix.builtIn());
    }

    public static List<Finding> validate(ImageConfig config, ValidationOptions options, CompatibilityMatrix matrix) {
        return new Check(config, options, matrix).all();
    }

    /**
     * The rules on one value alone, as a form field holding {@code key} is checked: its syntax, not whether other
     * keys agree with it. An empty value gives no finding.
     */
    public static List<Finding> checkValue(ConfigKey key, String value) {
        ImageConfig single = ImageConfig.of(key.key(), Map.of(key.key(), value == null ? "" : value.strip()));
        return new Check(single, ValidationOptions.DEFAULTS, CompatibilityMatrix.builtIn()).valueOnly(key);
    }

    /** One validation: the config, the options and the findings collected so far. */
    private static final class Check {
        private final ImageConfig config;
        private final ValidationOptions options;
        private final CompatibilityMatrix matrix;
        private final List<Finding> findings = new ArrayList<>();

        Check(ImageConfig config, ValidationOptions options, CompatibilityMatrix matrix) {
            this.config = config;
            this.options = options;
            this.matrix = matrix;
        }

        List<Finding> all() {
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

        List<Finding> valueOnly(ConfigKey key) {
            Optional<String> v = usable(key);
            if (v.isEmpty()) {
                placeholders();
                return List.copyOf(findings);
            }
            String value = v.get();
            switch (key) {
                case OS_VERSION -> oneOf(key, value, OS_VERSIONS);
                case IMAGE_TYPE -> oneOf(key, value, IMAGE_TYPES);
                case CLOUD_TYPE -> cloudType(value);
                case IMAGE_NAME -> imageName(value);
                case K8S_VERSION, CNI_VERSION, CONTAINERD_VERSION, CRICTL_VERSION -> version(key, value);
                case ISO_NAME -> isoName(value);
                case ISO_CHECKSUM -> isoChecksum(value);
                case VCENTER_SERVER -> hostAddress(key, value, true);
                case AIRGAP_IP -> hostAddress(key, value, false);
                case VCENTER_RESOURCE_POOL -> resourcePool(value);
                case AIRGAP -> airgapFlag(value);
                case CONTAINERD_URL, CRICTL_URL -> url(key, true);
                case K8S_RPM_KEY, K8S_RPM_SERVER -> url(key, false);
                case K8S_CONTAINER_REG -> registryHost(value);
                default -> {
                    // the other keys have no rule of their own beyond being set
                }
            }
            return List.copyOf(findings);
        }

        private void placeholders() {
            for (ImageConfig.Entry e : config.entries().values()) {
                if (!e.isSet() || !Placeholders.isPlaceholder(e.key(), e.value())) {
                    continue;
                }
                Optional<ConfigKey> known = ConfigKey.byName(e.key());
                if (known.isPresent() && options.supplied(known.get())) {
                    continue; // the supplied credential replaces it
                }
                // Credential keys are never echoed, not even the user names.
                boolean credential = ConfigKey.isSecret(e.key()) || e.key().equals(VCENTER_USER.key())
                        || e.key().equals(RHEL_SUBSCRIPTION_USER.key());
                String shown = credential ? "" : " (it still reads " + e.value() + ")";
                Finding f = Finding.error(e.key(), e.location(), "placeholder not filled in: `" + e.key() + "`" + shown,
                        placeholderHint(known.orElse(null)));
                if (known.isPresent() && known.get().section() == ConfigKey.Section.VSPHERE && credential) {
                    f = f.about(Setting.VCENTER_CREDENTIALS);
                } else if (known.isPresent() && known.get().section() == ConfigKey.Section.RHEL) {
                    f = f.about(Setting.RHEL_CREDENTIALS);
                }
                findings.add(f);
            }
        }

        private String placeholderHint(ConfigKey key) {
            if (key == VCENTER_USER || key == VCENTER_PASSWORD) {
                return "supply the vCenter user and password as credentials, or write the real value";
            }
            if (key == RHEL_SUBSCRIPTION_USER || key == RHEL_SUBSCRIPTION_PASS) {
                return "supply the RHEL subscription user and password as credentials, write the real value,"
                        + " or empty it when the build needs no subscription";
            }
            if (key == ISO_CHECKSUM) {
                return "run sha256sum " + (config.isoName().isEmpty() ? "<iso>" : config.isoName())
                        + " and write the 64 hex digits";
            }
            if (key != null && REQUIRED.contains(key)) {
                return "replace it with the real value";
            }
            return "replace it with the real value, or empty it if it does not apply to this build";
        }

        private void osAndImage() {
            required(OS_VERSION, "e.g. os_version=rockylinux-8").ifPresent(v -> oneOf(OS_VERSION, v, OS_VERSIONS));
            required(IMAGE_TYPE, "image_type=standard, or fips for a FIPS image")
                    .ifPresent(v -> oneOf(IMAGE_TYPE, v, IMAGE_TYPES));
            required(CLOUD_TYPE, "cloud_type=vmware").ifPresent(this::cloudType);
            required(IMAGE_NAME, "e.g. image_name=rocky-8").ifPresent(this::imageName);
        }

        private void cloudType(String v) {
            if (List.of("aws", "azure", "gcp").contains(v)) {
                fix(error(CLOUD_TYPE, "cloud_type " + v + " is reserved for future use; only vmware is supported"),
                        "vmware");
            } else if (!v.equals("vmware")) {
                fix(error(CLOUD_TYPE, "cloud_type " + v + " is not supported; only vmware is"), "vmware");
            }
        }

        private void imageName(String v) {
            String hint = "use letters, digits, dots, dashes and underscores, e.g. image_name=rocky-8";
            if (v.indexOf('/') >= 0 || v.indexOf('\\') >= 0) {
                error(IMAGE_NAME, "image_name must not contain / or \\: it becomes a folder and a VM name", hint);
            } else if (v.contains("..") || v.equals(".")) {
                error(IMAGE_NAME, "image_name must not be . or contain ..: it becomes a folder name", hint);
            } else if (v.chars().anyMatch(Character::isISOControl)) {
                error(IMAGE_NAME, "image_name contains a control character", hint);
            } else if (!v.strip().equals(v)) {
                fix(error(IMAGE_NAME, "image_name starts or ends with a space"), v.strip());
            } else if (v.length() > MAX_IMAGE_NAME_LENGTH) {
                error(IMAGE_NAME, "image_name is " + v.length() + " characters long; at most " + MAX_IMAGE_NAME_LENGTH
                        + " are allowed (vSphere VM names are limited)", "use a shorter name");
            }
        }

        private void versions() {
            for (ConfigKey key : VERSIONS) {
                required(key, "e.g. " + key + "=" + exampleVersion(key)).ifPresent(v -> version(key, v));
            }
        }

        private void version(ConfigKey key, String v) {
            if (VERSION.matcher(v).matches()) {
                return;
            }
            if ((v.startsWith("v") || v.startsWith("V")) && VERSION.matcher(v.substring(1)).matches()) {
                fix(error(key, key + " " + v + " starts with a v"), "drop the v: ", v.substring(1));
            } else {
                error(key, key + " " + v + " is not a version of the form X.Y.Z", "e.g. " + key + "=" + exampleVersion(key));
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
            Optional<String> iso = usable(ISO_NAME);
            Optional<String> checksum = usable(ISO_CHECKSUM);
            Optional<String> template = usable(VCENTER_TEMPLATE);
            boolean anyPlaceholder = isPlaceholder(ISO_NAME) || isPlaceholder(ISO_CHECKSUM)
                    || isPlaceholder(VCENTER_TEMPLATE);
            if (template.isPresent() && (iso.isPresent() || checksum.isPresent())) {
                error(VCENTER_TEMPLATE, "vcenter_template and iso_name/iso_checksum are both set; a build"
                                + " starts either from an ISO or from an existing VM",
                        "empty iso_name and iso_checksum to clone vcenter_template, or empty vcenter_template to install from the ISO");
            } else if (template.isEmpty() && iso.isEmpty() && checksum.isEmpty() && !anyPlaceholder) {
                error(ISO_NAME, "no base image: neither iso_name and iso_checksum nor vcenter_template is set",
                        "set iso_name and iso_checksum to install from an ISO, or vcenter_template to clone a VM");
            } else if (template.isEmpty()) {
                if (iso.isPresent() && checksum.isEmpty() && !isPlaceholder(ISO_CHECKSUM)) {
                    missing(ISO_CHECKSUM, "iso_name is set, so iso_checksum is required",
                            "run sha256sum " + iso.get() + " and write the 64 hex digits: iso_checksum=<digest>");
                } else if (checksum.isPresent() && iso.isEmpty() && !isPlaceholder(ISO_NAME)) {
                    missing(ISO_NAME, "iso_checksum is set, so iso_name is required",
                            "write the ISO's file name, e.g. iso_name=Rocky-8-latest-x86_64-dvd.iso");
                }
            }
            iso.ifPresent(this::isoName);
            checksum.ifPresent(this::isoChecksum);
            template.ifPresent(this::template);
        }

        private void template(String t) {
            if (config.osVersion().startsWith("rhel-")) {
                warning(VCENTER_TEMPLATE, "cloning an existing VM (vcenter_template) is documented for Rocky Linux"
                        + " only", "install RHEL from the ISO, or make sure your builder supports it");
            }
            if (!t.startsWith("/")) {
                String dc = config.vcenterDatacenter();
                // "DC/vm/x" lacks only the leading slash; a bare or folder-relative name lacks the datacenter part.
                String full = !dc.isEmpty() && t.startsWith(dc + "/vm/") ? "/" + t
                        : "/" + (dc.isEmpty() ? "Datacenter" : dc) + "/vm/" + t;
                Finding f = warning(VCENTER_TEMPLATE, "vcenter_template should be the VM's full inventory path");
                findings.add(dc.isEmpty() ? withHint(f, "e.g. vcenter_template=" + full) : suggest(f, "", full));
            }
        }

        private void isoName(String v) {
            if (v.indexOf('/') >= 0 || v.indexOf('\\') >= 0) {
                String base = v.substring(Math.max(v.lastIndexOf('/'), v.lastIndexOf('\\')) + 1);
                Finding f = error(ISO_NAME, "iso_name must be a plain file name, not a path")
                        .about(Setting.EXTERNAL_ISO);
                findings.add(base.isEmpty() ? withHint(f, "write only the ISO's file name")
                        : suggest(f, "put the ISO into the output folder (or give it as the external ISO) and write"
                                + " only its name: ", base));
            } else if (v.equals("..") || v.equals(".")) {
                error(ISO_NAME, "iso_name must be a file name", "e.g. iso_name=Rocky-8-latest-x86_64-dvd.iso");
            } else if (v.chars().anyMatch(Character::isISOControl)) {
                error(ISO_NAME, "iso_name contains a control character", "rename the ISO file");
            } else if (v.toLowerCase(Locale.ROOT).endsWith("boot.iso")) {
                warning(ISO_NAME, "iso_name looks like a boot ISO; the builder needs the full DVD ISO",
                        "download the x86_64-dvd.iso image instead");
            } else if (!v.toLowerCase(Locale.ROOT).endsWith(".iso")) {
                warning(ISO_NAME, "iso_name does not end in .iso", "check that it names the DVD ISO file");
            }
        }

        private void isoChecksum(String v) {
            int colon = v.indexOf(':');
            if (colon >= 0) {
                String prefix = v.substring(0, colon);
                String rest = v.substring(colon + 1);
                if (prefix.equalsIgnoreCase("sha256") && SHA256.matcher(rest).matches()) {
                    fix(error(ISO_CHECKSUM, "iso_checksum must be the bare SHA-256 digest, without a sha256: prefix"),
                            "drop the prefix: ", rest);
                } else {
                    error(ISO_CHECKSUM, "iso_checksum must be a bare SHA-256 digest (64 hexadecimal digits)",
                            "run sha256sum on the ISO and copy the first field");
                }
            } else if (!SHA256.matcher(v).matches()) {
                String extra = v.length() > 64 && SHA256.matcher(v.substring(0, 64)).matches()
                        ? "copy only the 64 hex digits, not the file name after them"
                        : "run sha256sum on the ISO and copy the first field";
                error(ISO_CHECKSUM, "iso_checksum is not a SHA-256 digest: it must be 64 hexadecimal digits, it has "
                        + v.length() + " characters", extra);
            }
        }

        private void vsphere() {
            required(VCENTER_SERVER, "e.g. vcenter_server=vcenter.example.com")
                    .ifPresent(v -> hostAddress(VCENTER_SERVER, v, true));
            for (ConfigKey key : List.of(VCENTER_USER, VCENTER_PASSWORD)) {
                if (!options.supplied(key) && usable(key).isEmpty() && !isPlaceholder(key)) {
                    findings.add(missingFinding(key, null, "supply the vCenter user and password as credentials,"
                            + " or set it in the file").about(Setting.VCENTER_CREDENTIALS));
                }
            }
            credentialsInFile(VCENTER_PASSWORD, Setting.VCENTER_CREDENTIALS, "vCenter");
            for (ConfigKey key : VSPHERE_PLACEMENT) {
                required(key, "the name as vCenter shows it, e.g. " + key + "="
                        + ImageConfigWriter.quote(PLACEMENT_EXAMPLES.get(key)));
            }
            usable(VCENTER_RESOURCE_POOL).ifPresent(this::resourcePool);
        }

        /** A host[:port] key; a URL or a path is refused with the host the user meant. */
        private void hostAddress(ConfigKey key, String v, boolean portAllowed) {
            if (HostAddress.hasSchemeOrPath(v)) {
                String meant = HostAddress.withoutSchemeAndPath(v);
                if (!portAllowed) {
                    meant = HostAddress.withoutPort(meant);
                }
                String what = portAllowed ? "a host name or IP address, optionally with :port, without https:// or a path"
                        : "a host name or IP address, without a scheme, a port or a path";
                Finding f = error(key, key + " must be " + what);
                findings.add(HostAddress.problem(meant, portAllowed).isEmpty() && !meant.isEmpty()
                        ? suggest(f, "", meant) : withHint(f, "write " + (portAllowed ? "the vCenter host name" : "the host name")
                        + " or IP address"));
                return;
            }
            HostAddress.problem(v, portAllowed).ifPresent(p -> {
                Finding f = error(key, key + " " + v + " " + p);
                String bare = HostAddress.withoutPort(v);
                findings.add(!portAllowed && !bare.equals(v) && HostAddress.problem(bare, false).isEmpty()
                        ? suggest(f, "", bare)
                        : withHint(f, portAllowed ? "write the vCenter host name or IP address, optionally with :port"
                                : "write the host name or IP address"));
            });
        }

        /** The pool's path is relative to the cluster's root pool ({@code <cluster>/Resources}); empty is the root pool. */
        private void resourcePool(String v) {
            String p = v.strip();
            if (p.equals("Resources") || p.startsWith("Resources/")) {
                String rest = p.equals("Resources") ? "" : p.substring("Resources/".length());
                fix(warning(VCENTER_RESOURCE_POOL, "vcenter_resource_pool is read relative to the cluster's root pool"
                                + " (<cluster>/Resources), so `" + p + "` names a pool inside it called Resources"),
                        rest.isEmpty() ? "empty it for the root pool: " : "leave out the leading Resources/: ", rest);
            }
        }

        private void credentialsInFile(ConfigKey key, Setting setting, String what) {
            if (usable(key).isPresent()) {
                findings.add(Finding.warning(key, config.locationOf(key), "credentials in the file: `" + key
                                + "` is written in the image config;"
                                + " credentials supplied from outside the file win",
                        "remove it from the file and supply the " + what + " credentials from outside it")
                        .about(setting));
            }
        }

        private void rhel() {
            String os = config.osVersion();
            if (!OS_VERSIONS.contains(os)) {
                return;
            }
            boolean rhelSupplied = options.supplied(RHEL_SUBSCRIPTION_USER) || options.supplied(RHEL_SUBSCRIPTION_PASS);
            if (os.startsWith("rockylinux-")) {
                if (usable(RHEL_SUBSCRIPTION_USER).isPresent() || usable(RHEL_SUBSCRIPTION_PASS).isPresent()) {
                    warning(usable(RHEL_SUBSCRIPTION_USER).isPresent() ? RHEL_SUBSCRIPTION_USER : RHEL_SUBSCRIPTION_PASS,
                            "RHEL subscription credentials are set but a Rocky Linux build does not use them",
                            "remove rhel_subscription_user and rhel_subscription_pass");
                } else if (rhelSupplied) {
                    findings.add(Finding.warning(RHEL_SUBSCRIPTION_USER, config.locationOf(RHEL_SUBSCRIPTION_USER),
                            "RHEL subscription credentials were supplied but a"
                            + " Rocky Linux build does not use them", "do not supply RHEL credentials to this build")
                            .about(Setting.RHEL_CREDENTIALS));
                }
                return;
            }
            credentialsInFile(RHEL_SUBSCRIPTION_PASS, Setting.RHEL_CREDENTIALS, "RHEL subscription");
            Optional<BuilderVersion> builder = options.parsedBuilderVersion();
            String why;
            if (!config.airgap()) {
                why = "a connected RHEL build needs a Red Hat subscription";
            } else if (builder.isPresent() && builder.get().isBefore(BuilderVersion.AIRGAP_WITHOUT_RHEL_CREDENTIALS)) {
                why = "an air-gapped RHEL build with builder " + builder.get() + " (before 4.6.0) needs a Red Hat subscription";
            } else {
                if (builder.isEmpty() && !rhelSupplied
                        && (usable(RHEL_SUBSCRIPTION_USER).isEmpty() || usable(RHEL_SUBSCRIPTION_PASS).isEmpty())) {
                    findings.add(Finding.warning(RHEL_SUBSCRIPTION_USER, config.locationOf(RHEL_SUBSCRIPTION_USER),
                            "the builder version is unknown; air-gapped RHEL builds"
                                    + " with builders before 4.6.0 need RHEL subscription credentials",
                            "use a builder image whose tag gives its version (e.g. …:v4.6.24), or supply RHEL"
                                    + " credentials").about(Setting.BUILDER_IMAGE));
                }
                return;
            }
            for (ConfigKey key : List.of(RHEL_SUBSCRIPTION_USER, RHEL_SUBSCRIPTION_PASS)) {
                if (!options.supplied(key) && usable(key).isEmpty() && !isPlaceholder(key)) {
                    findings.add(missingFinding(key, why, "supply the RHEL subscription user and password as"
                            + " credentials, or set them in the file").about(Setting.RHEL_CREDENTIALS));
                }
            }
        }

        private void reservedKeys() {
            for (ConfigKey k : ConfigKey.values()) {
                if (k.reserved() && usable(k).isPresent()) {
                    error(k, "`" + k + "` is reserved for future use and must stay empty",
                            "empty it: only vSphere builds are supported");
                }
            }
        }

        private void airgap() {
            Optional<String> airgap = usable(AIRGAP);
            if (airgap.isEmpty()) {
                if (!isPlaceholder(AIRGAP)) {
                    warning(AIRGAP, config.entry(AIRGAP).isPresent() ? "`airgap` is empty" : "`airgap` is missing",
                            "write airgap=false for a connected build, or airgap=true for an air-gapped one");
                }
            } else {
                airgapFlag(airgap.get());
            }
            Optional<String> ip = usable(AIRGAP_IP);
            if (airgap.filter("true"::equals).isPresent()) {
                if (ip.isEmpty() && !isPlaceholder(AIRGAP_IP)) {
                    missing(AIRGAP_IP, "airgap=true needs airgap_ip, the air-gap support VM that serves the packages",
                            "write the support VM's host name or IP, in the same form used with airgap-setup.sh");
                }
                ip.ifPresent(v -> hostAddress(AIRGAP_IP, v, false));
            } else if (airgap.filter("false"::equals).isPresent() && ip.isPresent()) {
                fix(warning(AIRGAP_IP, "airgap_ip is set but airgap=false, so it is not used"),
                        "empty airgap_ip, or set airgap=true for an air-gapped build: ", "");
            }
        }

        private void airgapFlag(String v) {
            if (v.equals("true") || v.equals("false")) {
                return;
            }
            String lower = v.toLowerCase(Locale.ROOT);
            Finding f = error(AIRGAP, "airgap must be true or false, not " + v);
            findings.add(lower.equals("true") || lower.equals("false") ? suggest(f, "write it in lower case: ", lower)
                    : withHint(f, "write airgap=true or airgap=false"));
        }

        private void downloadOverrides() {
            url(CONTAINERD_URL, true).ifPresent(u -> versionInUrl(CONTAINERD_URL, u, CONTAINERD_VERSION));
            url(CRICTL_URL, true).ifPresent(u -> versionInUrl(CRICTL_URL, u, CRICTL_VERSION));
            url(K8S_RPM_KEY, false);
            url(K8S_RPM_SERVER, false);
            usable(K8S_CONTAINER_REG).ifPresent(this::registryHost);
            usable(CERT_URL).ifPresent(v -> fix(warning(CERT_URL,
                    "cert_url is reserved for future use; the builder does not use it"), "leave cert_url empty: ", ""));
        }

        private void registryHost(String v) {
            if (v.contains("://")) {
                fix(error(K8S_CONTAINER_REG, "k8s_container_reg is a registry host, without a scheme"),
                        v.substring(v.indexOf("://") + 3));
            }
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
            Optional<String> k8s = usable(K8S_VERSION).filter(v -> VERSION.matcher(v).matches());
            if (k8s.isEmpty()) {
                return;
            }
            Optional<CompatibilityMatrix.Row> row = matrix.rowFor(k8s.get());
            if (row.isEmpty()) {
                compat(K8S_VERSION, "Kubernetes " + k8s.get() + " is not in the compatibility matrix",
                        "use one of " + String.join(", ", matrix.kubernetesVersions())
                                + ", or switch the compatibility check off if you know this pairing works", null);
                return;
            }
            CompatibilityMatrix.Row r = row.get();
            compatComponent(CNI_VERSION, r.cni(), r);
            compatComponent(CONTAINERD_VERSION, r.containerd(), r);
            compatComponent(CRICTL_VERSION, r.crictl(), r);
        }

        private void compatComponent(ConfigKey key, String expected, CompatibilityMatrix.Row row) {
            usable(key).filter(v -> VERSION.matcher(v).matches() && !v.equals(expected)).ifPresent(v ->
                    compat(key, key + " " + v + " differs from the compatibility matrix row for Kubernetes "
                            + row.kubernetes() + " (" + row.describe() + ")", key + "=" + expected, expected));
        }

        private void compat(ConfigKey key, String message, String hint, String suggestion) {
            Finding f = options.compatibility() == CompatibilityMode.STRICT
                    ? Finding.error(key, config.locationOf(key), message, hint)
                    : Finding.warning(key, config.locationOf(key), message, hint);
            f = f.about(Setting.COMPATIBILITY);
            findings.add(suggestion == null ? f : f.suggesting(suggestion));
        }

        // --- small helpers ---

        /** The value when set and not a placeholder. */
        private Optional<String> usable(ConfigKey key) {
            return config.usableValue(key);
        }

        private boolean isPlaceholder(ConfigKey key) {
            return config.value(key).filter(v -> Placeholders.isPlaceholder(key.key(), v)).isPresent();
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
            findings.add(missingFinding(key, reason, hint));
        }

        private Finding missingFinding(ConfigKey key, String reason, String hint) {
            String what = config.entry(key).isPresent() ? "`" + key + "` is empty" : "`" + key + "` is missing";
            return Finding.error(key, config.locationOf(key), reason == null ? what : what + ": " + reason, hint);
        }

        private void oneOf(ConfigKey key, String value, List<String> allowed) {
            if (allowed.contains(value)) {
                return;
            }
            String lower = value.toLowerCase(Locale.ROOT);
            Optional<String> nearest = allowed.stream()
                    .min(Comparator.comparingInt(a -> EditDistance.between(lower, a)))
                    .filter(a -> EditDistance.between(lower, a) <= 3);
            Finding f = error(key, key + " " + value + " is not one of " + String.join(", ", allowed));
            findings.add(nearest.map(a -> suggest(f, "did you mean ", a, "?"))
                    .orElse(withHint(f, "use one of " + String.join(", ", allowed))));
        }

        private Finding error(ConfigKey key, String message) {
            return Finding.error(key, config.locationOf(key), message, null);
        }

        private Finding warning(ConfigKey key, String message) {
            return Finding.warning(key, config.locationOf(key), message, null);
        }

        private void error(ConfigKey key, String message, String hint) {
            findings.add(Finding.error(key, config.locationOf(key), message, hint));
        }

        private void warning(ConfigKey key, String message, String hint) {
            findings.add(Finding.warning(key, config.locationOf(key), message, hint));
        }

        /** Adds {@code f} fixed by {@code value}: the hint shows {@code key=value}. */
        private void fix(Finding f, String value) {
            findings.add(suggest(f, "", value));
        }

        private void fix(Finding f, String lead, String value) {
            findings.add(suggest(f, lead, value));
        }

        private static Finding suggest(Finding f, String lead, String value) {
            return suggest(f, lead, value, "");
        }

        private static Finding suggest(Finding f, String lead, String value, String tail) {
            return withHint(f, lead + f.key() + "=" + ImageConfigWriter.quote(value) + tail).suggesting(value);
        }

        private static Finding withHint(Finding f, String hint) {
            return new Finding(f.severity(), f.key(), f.location(), f.message(), hint, f.suggestion(), f.setting());
        }
    }
}
