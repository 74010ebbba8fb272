package io.jenkins.plugins.capi.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Synthetic stand-ins for the vendor's air-gap archive {@code capi-image-builder-<tag>.tgz}, made without any
 * registry: the stand-in builder and Yum images of {@code fake-builder/yum-repo/build.sh}, saved with
 * {@code docker save} under the names the vendor's archives load as, packed with {@code rpmrepo/}, {@code kickstart/}
 * and {@code output/imageconfig} like the real archive, or laid out as the folder it extracts to.
 *
 * <p>Each JVM uses its own builder tag ({@code v4.6.<random>}) and Yum tag, and builds its own stand-in images, so
 * test runs in parallel on one engine do not share a name. After saving, the stand-in images are removed from the
 * engine, so loading an archive really creates its image.
 */
public final class FakeAirgapArchive {

    /** The component versions of {@link FakeBuilder#imageconfig}, which the default repository offers. */
    public static final String CNI = "1.3.0";
    public static final String CONTAINERD = "1.7.13";
    public static final String CRICTL = "1.28.0";
    /** Marker files the stand-in Yum image reacts to (see {@code fake-builder/yum-repo/serve.sh}). */
    public static final String NEVER_READY = ".fake-yum-never-ready";
    public static final String YUM_FAILS = ".fake-yum-fail";

    private static Saved saved;
    private static Saved placeholders;

    /** The saved image tars of this JVM's stand-ins. */
    private record Saved(String builderTag, String yumTag, Path vendorNamedBuilder, Path registryNamedBuilder,
                         Path yum) {}

    private String cni = CNI;
    private String containerd = CONTAINERD;
    private String crictl = CRICTL;
    private final boolean listingOnly;
    private String listingTag = "v4.6.24";
    private boolean registryNaming;
    private boolean withBuilder = true;
    private String topFolder;
    private final List<String> markers = new ArrayList<>();
    private final Map<String, byte[]> extraEntries = new LinkedHashMap<>();

    private FakeAirgapArchive(boolean listingOnly) {
        this.listingOnly = listingOnly;
    }

    /** An archive like the vendor's 4.6.24 one: images named {@code localhost/<tag>:latest}. */
    public static FakeAirgapArchive vendorLike() {
        return new FakeAirgapArchive(false);
    }

    /**
     * The same layout with placeholder bytes instead of images, tags {@code v4.6.24} and {@code v1.0.0}: for what only
     * reads the archive's listing; needs no engine.
     */
    public static FakeAirgapArchive listingOnly() {
        return new FakeAirgapArchive(true);
    }

    /** This JVM's builder tag, e.g. {@code v4.6.4711}. */
    public static String builderTag() {
        return images().builderTag();
    }

    public static String yumTag() {
        return images().yumTag();
    }

    public FakeAirgapArchive components(String cniVersion, String containerdVersion, String crictlVersion) {
        cni = cniVersion;
        containerd = containerdVersion;
        crictl = crictlVersion;
        return this;
    }

    /** For {@link #listingOnly()}: the builder tag in the names, e.g. {@code v4.5.9}. */
    public FakeAirgapArchive builderTag(String tag) {
        listingTag = tag;
        return this;
    }

    /** Images named as the 4.6.23 archive has them: the builder under its registry name. */
    public FakeAirgapArchive registryNaming() {
        registryNaming = true;
        return this;
    }

    /** Leaves the builder image out (a bundle whose builder is loaded already, or a broken one). */
    public FakeAirgapArchive withoutBuilder() {
        withBuilder = false;
        return this;
    }

    /** Puts everything inside one top folder, as {@code tar czf x.tgz folder/} does. */
    public FakeAirgapArchive inTopFolder(String name) {
        topFolder = name;
        return this;
    }

    /** Adds a marker file to {@code rpmrepo/} that changes how the stand-in Yum image behaves. */
    public FakeAirgapArchive yumMarker(String marker) {
        markers.add(marker);
        return this;
    }

    /** Adds an entry with a literal name (e.g. a hostile {@code ../x}). */
    public FakeAirgapArchive extraEntry(String name, String content) {
        extraEntries.put(name, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Writes {@code capi-image-builder-<tag>.tgz} into {@code dir} and returns it. */
    public Path writeArchive(Path dir) throws IOException {
        Saved s = listingOnly ? placeholders(listingTag) : images();
        Path file = dir.resolve("capi-image-builder-" + s.builderTag() + ".tgz");
        String top = topFolder == null ? "" : topFolder + "/";
        try (OutputStream raw = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(raw, 1 << 16))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            file(tar, top + "README", "CAPI Image Builder " + s.builderTag() + " air-gap bundle (test stand-in)\n");
            if (withBuilder) {
                file(tar, top + builderTarName(s), builderTar(s));
            }
            directory(tar, top + "kickstart/");
            for (Map.Entry<String, byte[]> k : kickstarts().entrySet()) {
                file(tar, top + "kickstart/" + k.getKey(), k.getValue());
            }
            directory(tar, top + "output/");
            file(tar, top + "output/imageconfig", template());
            directory(tar, top + "rpmrepo/");
            for (Map.Entry<String, byte[]> f : repository().entrySet()) {
                file(tar, top + "rpmrepo/" + f.getKey(), f.getValue());
            }
            for (Map.Entry<String, byte[]> f : extraEntries.entrySet()) {
                file(tar, f.getKey(), f.getValue());
            }
            file(tar, top + "yum-repo-" + s.yumTag() + ".tar", s.yum());
        }
        return file;
    }

    /** Writes the folder the archive extracts to ({@code dir/…}) and returns {@code dir}. */
    public Path writeFolder(Path dir) throws IOException {
        Saved s = listingOnly ? placeholders(listingTag) : images();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("README"), "test stand-in\n");
        if (withBuilder) {
            Files.copy(builderTar(s), dir.resolve(builderTarName(s)));
        }
        Files.copy(s.yum(), dir.resolve("yum-repo-" + s.yumTag() + ".tar"));
        for (Map.Entry<String, byte[]> k : kickstarts().entrySet()) {
            Files.createDirectories(dir.resolve("kickstart"));
            Files.write(dir.resolve("kickstart").resolve(k.getKey()), k.getValue());
        }
        Files.createDirectories(dir.resolve("output"));
        Files.write(dir.resolve("output/imageconfig"), template());
        for (Map.Entry<String, byte[]> f : repository().entrySet()) {
            Path p = dir.resolve("rpmrepo").resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        return dir;
    }

    private String builderTarName(Saved s) {
        return "capi-builder-" + s.builderTag() + ".tar";
    }

    private Path builderTar(Saved s) {
        return registryNaming ? s.registryNamedBuilder() : s.vendorNamedBuilder();
    }

    private Map<String, byte[]> repository() {
        Map<String, byte[]> r = new LinkedHashMap<>();
        r.put("Packages/kubernetes-cni-" + cni + "-150500.1.1.x86_64.rpm", rpm("kubernetes-cni"));
        r.put("Packages/kubelet-1.30.4-150500.1.1.x86_64.rpm", rpm("kubelet"));
        r.put("Packages/conntrack-tools-1.4.4-11.el8.x86_64.rpm", rpm("conntrack-tools"));
        r.put("cri-containerd-cni-" + containerd + "-linux-amd64.tar.gz", rpm("containerd"));
        r.put("crictl-v" + crictl + "-linux-amd64.tar.gz", rpm("crictl"));
        for (String m : markers) {
            r.put(m, new byte[0]);
        }
        return r;
    }

    private static byte[] rpm(String name) {
        return ("stand-in package " + name + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> kickstarts() {
        Map<String, byte[]> k = new LinkedHashMap<>();
        for (String os : List.of("rhel8", "rocky8", "rocky9")) {
            k.put("ks.cfg." + os, ("# air-gap kickstart for " + os + "\nnetwork --bootproto=dhcp --activate\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return k;
    }

    private static byte[] template() {
        return ("os_version=rockylinux-8\nimage_name=<image-name>\nairgap=true\nairgap_ip=<airgap-vm-hostname>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(040755);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, String text) throws IOException {
        file(tar, name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        e.setMode(0100644);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, Path content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(Files.size(content));
        e.setMode(0100644);
        tar.putArchiveEntry(e);
        try (InputStream in = Files.newInputStream(content)) {
            in.transferTo(tar);
        }
        tar.closeArchiveEntry();
    }

    private static synchronized Saved placeholders(String tag) {
        if (placeholders == null) {
            try {
                Path dir = Files.createTempDirectory("capi-fake-airgap-listing-");
                dir.toFile().deleteOnExit();
                Path tar = dir.resolve("placeholder.tar");
                Files.writeString(tar, "placeholder for a docker save tar\n");
                tar.toFile().deleteOnExit();
                placeholders = new Saved("v4.6.24", "v1.0.0", tar, tar, tar);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Saved(tag, placeholders.yumTag(), placeholders.vendorNamedBuilder(), placeholders.vendorNamedBuilder(),
                placeholders.yum());
    }

    /** Builds this JVM's stand-in images once, saves them under the vendor's names, and removes them again. */
    private static synchronized Saved images() {
        if (saved != null) {
            return saved;
        }
        DockerClient docker = Engine.client();
        int n = 1000 + ThreadLocalRandom.current().nextInt(9000);
        String builderTag = "v4.6." + n;
        String yumTag = "v1.0." + n;
        String builderImage = "localhost/capi-fake-airgap-builder:" + builderTag;
        String yumImage = "localhost/capi-fake-yum-repo:" + yumTag;
        buildImages(builderImage, yumImage);
        try {
            Path dir = Files.createTempDirectory("capi-fake-airgap-");
            dir.toFile().deleteOnExit();
            Path vendor = save(docker, builderImage, "localhost/" + builderTag + ":latest", dir.resolve("builder.tar"));
            Path registry = save(docker, builderImage,
                    "us-docker.pkg.dev/palette-images/palette/imagebuilder/capi-builder:" + builderTag,
                    dir.resolve("builder-registry.tar"));
            Path yum = save(docker, yumImage, "localhost/" + yumTag + ":latest", dir.resolve("yum.tar"));
            for (String ref : List.of(builderImage, yumImage)) {
                docker.removeImageCmd(ref).exec();
            }
            for (Path p : List.of(vendor, registry, yum)) {
                p.toFile().deleteOnExit();
            }
            saved = new Saved(builderTag, yumTag, vendor, registry, yum);
            return saved;
        } catch (IOException e) {
            throw new IllegalStateException("cannot save the stand-in images: " + e, e);
        }
    }

    /** {@code docker tag} + {@code docker save} + {@code docker rmi} of the temporary name. */
    private static Path save(DockerClient docker, String image, String as, Path file) throws IOException {
        int colon = as.lastIndexOf(':');
        docker.tagImageCmd(image, as.substring(0, colon), as.substring(colon + 1)).exec();
        try (InputStream in = docker.saveImageCmd(as.substring(0, colon)).withTag(as.substring(colon + 1)).exec()) {
            Files.copy(in, file);
        } finally {
            docker.removeImageCmd(as).exec();
        }
        return file;
    }

    private static void buildImages(String builderImage, String yumImage) {
        Path script = Path.of("..", "fake-builder", "yum-repo", "build.sh").toAbsolutePath().normalize();
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
            pb.environment().put("FAKE_AIRGAP_BUILDER_IMAGE", builderImage);
            pb.environment().put("FAKE_YUM_IMAGE", yumImage);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("bash " + script + " failed:\n" + out);
            }
        } catch (IOException | InterruptedException e) {
            fail("cannot run " + script + ": " + e);
        }
    }

    /**
     * Removes what loading this JVM's archives leaves in the engine: the documented names (and with them the images)
     * and any load artefact.
     */
    public static void removeLoadedImages() {
        if (saved == null) {
            return;
        }
        DockerClient docker = Engine.client();
        for (String ref : List.of("localhost/capi-builder:" + saved.builderTag(), "localhost/yum-repo:" + saved.yumTag(),
                "localhost/" + saved.builderTag() + ":latest", "localhost/" + saved.yumTag() + ":latest",
                "us-docker.pkg.dev/palette-images/palette/imagebuilder/capi-builder:" + saved.builderTag())) {
            try {
                docker.removeImageCmd(ref).withForce(true).exec();
            } catch (NotFoundException e) {
                // not loaded by this test
            }
        }
    }
}
