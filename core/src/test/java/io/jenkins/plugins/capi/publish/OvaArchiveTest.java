package io.jenkins.plugins.capi.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.capi.testing.OvaFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading OVAs in place: the tar layouts tools write, and the damaged ones, named in the message. */
class OvaArchiveTest {

    @TempDir
    Path dir;

    /** A tar entry: header (with {@code type}) and data padded to 512 bytes. */
    private static byte[] entry(String name, char type, byte[] data) {
        byte[] h = OvaFixture.header(name, data.length);
        h[156] = (byte) type;
        fixChecksum(h);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h);
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        return out.toByteArray();
    }

    private static void fixChecksum(byte[] h) {
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += h[i] & 0xFF;
        }
        byte[] field = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, h, 148, 6);
        h[154] = 0;
        h[155] = ' ';
    }

    private Path tar(byte[]... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] e : entries) {
            out.writeBytes(e);
        }
        out.writeBytes(new byte[1024]);
        return Files.write(dir.resolve("test.ova"), out.toByteArray());
    }

    private static byte[] ovf(String disk) {
        return OvaFixture.descriptor("x", 3).replace("NAME-disk-0.vmdk", disk).replace("x-disk-0.vmdk", disk)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String read(OvaArchive a, String name) throws IOException {
        try (InputStream in = a.open(a.entry(name).orElseThrow())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theFixtureOvaIsIndexedWithoutReadingItsDisk() throws Exception {
        Path ova = OvaFixture.write(dir, "rocky-8", 10L * 1024 * 1024 * 1024, false);
        OvaArchive a = OvaArchive.open(ova);
        assertThat(a.entries()).extracting(OvaArchive.Entry::name)
                .containsExactly("rocky-8.ovf", "rocky-8.mf", "rocky-8-disk-0.vmdk");
        assertThat(a.entry("rocky-8-disk-0.vmdk").orElseThrow().size()).isEqualTo(10L * 1024 * 1024 * 1024);
        assertThat(a.descriptor().files()).singleElement().satisfies(f -> {
            assertThat(f.href()).isEqualTo("rocky-8-disk-0.vmdk");
            assertThat(f.size()).isEqualTo(10L * 1024 * 1024 * 1024);
        });
        assertThat(a.descriptor().networks()).containsExactly("VM Network");
        assertThat(a.descriptor().name()).isEqualTo("rocky-8");
    }

    @Test
    void gnuLongNamesPaxPathsAndDotSlashPrefixesAreUnderstood() throws Exception {
        String longName = "a-very-long-folder-name-" + "x".repeat(90) + "/disk.vmdk";
        byte[] pax = ("30 path=./pax/renamed-disk.vmdk\n").getBytes(StandardCharsets.UTF_8);
        Path ova = tar(entry("./x.ovf", '0', ovf("disk.vmdk")),
                entry("././@LongLink", 'L', (longName + "\0").getBytes(StandardCharsets.UTF_8)),
                entry("truncated-name", '0', "abc".getBytes(StandardCharsets.UTF_8)),
                entry("PaxHeaders/1", 'x', pax),
                entry("short", '0', "defg".getBytes(StandardCharsets.UTF_8)),
                entry("dir/", '5', new byte[0]));
        OvaArchive a = OvaArchive.open(ova);
        assertThat(a.entries()).extracting(OvaArchive.Entry::name)
                .containsExactly("x.ovf", longName, "pax/renamed-disk.vmdk");
        assertThat(read(a, longName)).isEqualTo("abc");
        assertThat(read(a, "./pax/renamed-disk.vmdk")).isEqualTo("defg");
        assertThat(a.descriptorEntry().orElseThrow().name()).isEqualTo("x.ovf");
    }

    @Test
    void aBase256SizeIsRead() throws Exception {
        byte[] e = entry("x.ovf", '0', ovf("d.vmdk"));
        int size = ovf("d.vmdk").length;
        // GNU's binary form: high bit set, big-endian value in the remaining bytes of the 12-byte field
        for (int i = 124; i < 136; i++) {
            e[i] = 0;
        }
        e[124] = (byte) 0x80;
        e[134] = (byte) (size >> 8);
        e[135] = (byte) size;
        fixChecksum(e);
        OvaArchive a = OvaArchive.open(tar(e));
        assertThat(a.entry("x.ovf").orElseThrow().size()).isEqualTo(size);
        assertThat(a.descriptor().files()).hasSize(1);
    }

    @Test
    void damagedArchivesAreRefusedNamingTheFile() throws Exception {
        Path notTar = Files.writeString(dir.resolve("notes.ova"), "x".repeat(2048));
        assertThatThrownBy(() -> OvaArchive.open(notTar)).isInstanceOf(IOException.class)
                .hasMessageContaining(notTar.toString()).hasMessageContaining("not a tar archive");

        Path noOvf = tar(entry("disk.vmdk", '0', new byte[10]));
        assertThatThrownBy(() -> OvaArchive.open(noOvf)).hasMessageContaining("no .ovf descriptor among disk.vmdk");

        byte[] whole = entry("x.ovf", '0', ovf("d.vmdk"));
        Path cut = Files.write(dir.resolve("cut.ova"), java.util.Arrays.copyOf(whole, 700));
        assertThatThrownBy(() -> OvaArchive.open(cut)).hasMessageContaining("truncated");

        Path badXml = tar(entry("x.ovf", '0', "<Envelope".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> OvaArchive.open(badXml).descriptor()).hasMessageContaining("x.ovf")
                .hasMessageContaining("not well-formed");
    }
}
