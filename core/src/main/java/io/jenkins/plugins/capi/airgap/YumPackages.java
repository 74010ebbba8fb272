package io.jenkins.plugins.capi.airgap;

import io.jenkins.plugins.capi.config.ConfigKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three components the builder installs from the air-gap Yum repository, and the versions the repository's
 * file names offer. The builder looks for exactly these names, so a version without its file fails the build deep
 * inside Ansible.
 */
public final class YumPackages {

    public enum Component {
        CNI(ConfigKey.CNI_VERSION, "kubernetes-cni-<version>-*.rpm",
                Pattern.compile("kubernetes-cni-(\\d+\\.\\d+\\.\\d+)-[^/]+\\.rpm")),
        CONTAINERD(ConfigKey.CONTAINERD_VERSION, "cri-containerd-cni-<version>-linux-amd64.tar.gz",
                Pattern.compile("cri-containerd-cni-(\\d+\\.\\d+\\.\\d+)-linux-amd64\\.tar\\.gz")),
        CRICTL(ConfigKey.CRICTL_VERSION, "crictl-v<version>-linux-amd64.tar.gz",
                Pattern.compile("crictl-v(\\d+\\.\\d+\\.\\d+)-linux-amd64\\.tar\\.gz"));

        private final ConfigKey key;
        private final String fileName;
        private final Pattern pattern;

        Component(ConfigKey key, String fileName, Pattern pattern) {
            this.key = key;
            this.fileName = fileName;
            this.pattern = pattern;
        }

        /** The imageconfig key that chooses its version. */
        public ConfigKey key() {
            return key;
        }

        /** The file name the builder expects, with {@code <version>} for the version. */
        public String fileName() {
            return fileName;
        }
    }

    /** One file of the repository that provides a component version. */
    public record Provided(String version, String file) {}

    private final Map<Component, List<Provided>> provided;
    private final int rpmCount;

    private YumPackages(Map<Component, List<Provided>> provided, int rpmCount) {
        this.provided = provided;
        this.rpmCount = rpmCount;
    }

    /** From the repository's file paths, relative to {@code rpmrepo/} (subfolders allowed). */
    public static YumPackages of(Collection<String> files) {
        Map<Component, List<Provided>> found = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            found.put(c, new ArrayList<>());
        }
        int rpms = 0;
        for (String path : files) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (name.endsWith(".rpm")) {
                rpms++;
            }
            for (Component c : Component.values()) {
                Matcher m = c.pattern.matcher(name);
                if (m.matches()) {
                    found.get(c).add(new Provided(m.group(1), path));
                }
            }
        }
        found.replaceAll((c, l) -> List.copyOf(l));
        return new YumPackages(found, rpms);
    }

    /** The files that provide {@code component}, in repository order. */
    public List<Provided> provided(Component component) {
        return provided.get(component);
    }

    /** The distinct versions offered for {@code component}. */
    public List<String> versions(Component component) {
        return provided.get(component).stream().map(Provided::version).distinct().toList();
    }

    public boolean offers(Component component, String version) {
        return versions(component).contains(version);
    }

    /** How many {@code .rpm} files the repository has. */
    public int rpmCount() {
        return rpmCount;
    }
}
