package io.jenkins.plugins.capi.customize;

/**
 * A subnet mask. Written either in dotted decimal ({@code 255.255.255.0}), which is what the kickstart line needs,
 * or as a prefix length ({@code 24} or {@code /24}), which is converted.
 *
 * @param prefix number of leading one bits, 0–32
 */
public record Netmask(int prefix) {

    public Netmask {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("a prefix length is 0 to 32, not " + prefix);
        }
    }

    /**
     * @throws IllegalArgumentException with a message that completes "'VALUE' ..." (e.g. "is not contiguous")
     */
    public static Netmask parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String s = text.strip();
        String digits = s.startsWith("/") ? s.substring(1) : s;
        if (!digits.isEmpty() && digits.length() <= 2 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int p = Integer.parseInt(digits);
            if (p > 32) {
                throw new IllegalArgumentException("is a prefix length above 32");
            }
            return new Netmask(p);
        }
        Ipv4Address mask;
        try {
            mask = Ipv4Address.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is neither a dotted-decimal mask nor a prefix length: it "
                    + e.getMessage());
        }
        int bits = mask.bits();
        int ones = Integer.bitCount(bits);
        if (bits != bitsOf(ones)) {
            throw new IllegalArgumentException("is not a valid mask: its one bits are not all at the start"
                    + " (valid masks are 255.255.255.0, 255.255.254.0, …)");
        }
        return new Netmask(ones);
    }

    static int bitsOf(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public int bits() {
        return bitsOf(prefix);
    }

    /** Dotted decimal, e.g. {@code 255.255.255.0}. */
    public String dotted() {
        return new Ipv4Address(bits()).toString();
    }

    public Ipv4Address network(Ipv4Address address) {
        return new Ipv4Address(address.bits() & bits());
    }

    public Ipv4Address broadcast(Ipv4Address address) {
        return new Ipv4Address(address.bits() | ~bits());
    }

    public boolean sameSubnet(Ipv4Address a, Ipv4Address b) {
        return (a.bits() & bits()) == (b.bits() & bits());
    }

    /** Addresses a host can have in the subnet: all but the network and broadcast address. */
    public long usableHosts() {
        return prefix >= 31 ? 0 : (1L << (32 - prefix)) - 2;
    }

    @Override
    public String toString() {
        return dotted() + " (/" + prefix + ")";
    }
}
