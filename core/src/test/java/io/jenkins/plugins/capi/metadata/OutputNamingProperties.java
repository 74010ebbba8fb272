package io.jenkins.plugins.capi.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.capi.iso.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class OutputNamingProperties {

    @Property
    void inventoryPathHasNoEmptySegmentsWhateverSlashesTheFolderHas(
            @ForAll("names") String datacenter, @ForAll("folders") String folder, @ForAll("names") String name) {
        String path = MetadataCollector.templateInventoryPath(datacenter, folder, name);
        assertThat(path).startsWith("/" + datacenter + "/vm/").endsWith("/" + name).doesNotContain("//");
        String folderSegments = String.join("/", List.of(folder.split("/")).stream().filter(s -> !s.isEmpty()).toList());
        assertThat(path).isEqualTo(folderSegments.isEmpty()
                ? "/" + datacenter + "/vm/" + name
                : "/" + datacenter + "/vm/" + folderSegments + "/" + name);
    }

    @Property(tries = 200)
    void checksumFileIsReadWithAnyFileNameSuffixAndLineEnding(
            @ForAll("digests") String digest, @ForAll @StringLength(max = 40) String fileName,
            @ForAll("separators") String separator, @ForAll("endings") String ending) throws Exception {
        Path dir = Files.createTempDirectory("sha256file");
        try {
            String suffix = fileName.isBlank() || fileName.contains("\n") || fileName.contains("\r") ? ""
                    : separator + fileName;
            Path sum = Files.writeString(dir.resolve("x.ova.sha256"), digest + suffix + ending);
            assertThat(OutputScanner.readChecksumFile(sum)).contains(Sha256.normalise(digest));
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '_', '.', ' ')
                .ofMinLength(1).ofMaxLength(20).filter(s -> !s.isBlank() && !s.equals(".") && !s.equals(".."));
    }

    @Provide
    Arbitrary<String> folders() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('/', '-').ofMaxLength(30);
    }

    @Provide
    Arbitrary<String> digests() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(64);
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of("  ", " *", " ", "\t");
    }

    @Provide
    Arbitrary<String> endings() {
        return Arbitraries.of("", "\n", "\r\n", "\n\n");
    }
}
