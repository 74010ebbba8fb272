package io.jenkins.plugins.capi.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/**
 * Writes OVAs the way the builder's OVA step lays them out (a ustar archive: the OVF descriptor first, then the
 * manifest, then the stream-optimized disk), with a disk of any size: a VMDK header and descriptor, then random
 * bytes or a sparse run of zeros that takes no disk space however large it is.
 */
public final class OvaFixture {

    private static final String TEMPLATE = readTemplate();

    private OvaFixture() {}

    private static String readTemplate() {
        Path file = Path.of("..", "fake-builder", "vm.ovf").toAbsolutePath().normalize();
        try {
            return java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the stand-in builder's OVF descriptor " + file
                    + " cannot be read; run the tests from a module folder (core/ or plugin/)", e);
        }
    }

    /**
     * The OVF descriptor of a 2-CPU, 4 GiB VM with one 20 GiB disk and one NIC on {@code VM Network}: the stand-in
     * builder's own ({@code fake-builder/vm.ovf}), so the tests' OVAs and the stand-in's are the same kind.
     */
    public static String descriptor(String name, long diskFileBytes) {
        return TEMPLATE.replace("NAME", name).replace("SIZE", Long.toString(diskFileBytes));
    }

    /**
     * Writes {@code dir/<name>.ova} with a disk of {@code diskBytes}: random when {@code random}, else sparse zeros.
     * @return the OVA
     */
    public static Path write(Path dir, String name, long diskBytes, boolean random) throws IOException {
        Path ova = dir.resolve(name + ".ova");
        byte[] ovf = descriptor(name, diskBytes).getBytes(StandardCharsets.UTF_8);
        String disk = name + "-disk-0.vmdk";
        try (FileChannel ch = FileChannel.open(ova, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            entry(ch, name + ".ovf", ovf);
            entry(ch, name + ".mf", ("SHA256(" + name + ".ovf)= " + sha256(ovf) + "\n").getBytes(StandardCharsets.UTF_8));
            ch.write(ByteBuffer.wrap(header(disk, diskBytes)));
            byte[] start = vmdkStart(disk);
            if (diskBytes < start.length) {
                throw new IllegalArgumentException("a disk needs at least " + start.length + " bytes");
            }
            ch.write(ByteBuffer.wrap(start));
            long body = diskBytes - start.length;
            if (random) {
                Random r = new Random(42);
                byte[] chunk = new byte[1 << 20];
                for (long left = body; left > 0; left -= chunk.length) {
                    r.nextBytes(chunk);
                    ch.write(ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, left)));
                }
            } else {
                ch.position(ch.position() + body); // a hole: no blocks are written
            }
            pad(ch, diskBytes);
            ch.write(ByteBuffer.allocate(1024)); // two zero blocks end the archive
        }
        return ova;
    }

    /**
     * The first two sectors of a stream-optimized VMDK: the sparse extent header (magic {@code KDMV}, version 3,
     * compressed grains, 20 GiB) and the embedded descriptor, which is what a server reads to accept the disk.
     */
    static byte[] vmdkStart(String fileName) {
        ByteBuffer b = ByteBuffer.allocate(1024).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long sectors = 20L * 1024 * 1024 * 2;
        b.putInt(0x564d444b).putInt(3).putInt(1 | (1 << 16) | (1 << 17)).putLong(sectors)
                .putLong(128).putLong(1).putLong(1).putInt(512).putLong(0).putLong(-1).putLong(128)
                .put((byte) 0).put((byte) '\n').put((byte) ' ').put((byte) '\r').put((byte) '\n').putShort((short) 1);
        b.position(512);
        b.put(("# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\ncreateType=\"streamOptimized\"\n"
                + "RW " + sectors + " SPARSE \"" + fileName + "\"\nddb.adapterType = \"lsilogic\"\n")
                .getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private static void entry(FileChannel ch, String name, byte[] data) throws IOException {
        ch.write(ByteBuffer.wrap(header(name, data.length)));
        ch.write(ByteBuffer.wrap(data));
        pad(ch, data.length);
    }

    private static void pad(FileChannel ch, long size) throws IOException {
        int rest = (int) (size % 512);
        if (rest != 0) {
            ch.write(ByteBuffer.allocate(512 - rest));
        }
    }

    /** A ustar header; names over 100 bytes are not needed by these fixtures. */
    public static byte[] header(String name, long size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 1_780_000_000L));
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, off, b.length);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
