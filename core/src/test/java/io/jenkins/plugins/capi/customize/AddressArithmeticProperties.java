package io.jenkins.plugins.capi.customize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class AddressArithmeticProperties {

    @Property(tries = 2000)
    void everyAddressReadsBackFromItsDottedForm(@ForAll int bits) {
        Ipv4Address a = new Ipv4Address(bits);
        assertThat(Ipv4Address.parse(a.toString())).isEqualTo(a);
        assertThat(a.toString()).matches("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    }

    @Property(tries = 500)
    void aPrefixLengthAndItsDottedMaskAreTheSameMask(@ForAll @IntRange(min = 0, max = 32) int prefix) {
        Netmask fromPrefix = Netmask.parse(Integer.toString(prefix));
        assertThat(Netmask.parse("/" + prefix)).isEqualTo(fromPrefix);
        assertThat(Netmask.parse(fromPrefix.dotted())).isEqualTo(fromPrefix);
        assertThat(Integer.bitCount(fromPrefix.bits())).isEqualTo(prefix);
    }

    @Property(tries = 2000)
    void aDottedMaskIsAcceptedExactlyWhenItsOneBitsComeFirst(@ForAll int bits) {
        String dotted = new Ipv4Address(bits).toString();
        boolean contiguous = bits == 0 || Integer.numberOfLeadingZeros(~bits) + Integer.numberOfTrailingZeros(bits) == 32;
        if (contiguous) {
            assertThat(Netmask.parse(dotted).bits()).isEqualTo(bits);
        } else {
            assertThatThrownBy(() -> Netmask.parse(dotted)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a valid mask");
        }
    }

    @Property(tries = 2000)
    void anAddressLiesBetweenItsNetworkAndBroadcastAddress(@ForAll int bits, @ForAll @IntRange(min = 0, max = 32) int prefix) {
        Ipv4Address a = new Ipv4Address(bits);
        Netmask m = new Netmask(prefix);
        Ipv4Address network = m.network(a);
        Ipv4Address broadcast = m.broadcast(a);
        assertThat(network.unsigned()).isLessThanOrEqualTo(a.unsigned());
        assertThat(a.unsigned()).isLessThanOrEqualTo(broadcast.unsigned());
        assertThat(broadcast.unsigned() - network.unsigned() + 1).isEqualTo(1L << (32 - prefix));
        assertThat(m.sameSubnet(a, network)).isTrue();
        assertThat(m.sameSubnet(a, broadcast)).isTrue();
        assertThat(m.network(broadcast)).isEqualTo(network);
    }

    @Property(tries = 2000)
    void addressesOneBlockApartAreNotInTheSameSubnet(@ForAll int bits, @ForAll @IntRange(min = 1, max = 32) int prefix) {
        Ipv4Address a = new Ipv4Address(bits);
        Netmask m = new Netmask(prefix);
        Ipv4Address nextBlock = new Ipv4Address(m.broadcast(a).bits() + 1);
        if (m.broadcast(a).bits() != -1) { // the last block has no next one
            assertThat(m.sameSubnet(a, nextBlock)).isFalse();
        }
    }

    @Property(tries = 500)
    void usableHostsAreTheBlockWithoutNetworkAndBroadcast(@ForAll @IntRange(min = 0, max = 30) int prefix) {
        assertThat(new Netmask(prefix).usableHosts()).isEqualTo((1L << (32 - prefix)) - 2);
    }

    @Property(tries = 1000)
    void somethingThatIsNotFourDecimalPartsIsRejected(@ForAll("notDottedDecimal") String text) {
        assertThatThrownBy(() -> Ipv4Address.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> notDottedDecimal() {
        Arbitrary<String> part = Arbitraries.oneOf(Arbitraries.integers().between(256, 99999).map(String::valueOf),
                Arbitraries.of("", "-1", "01", "00", "1a", " ", "0x1", "+1", "1e2"));
        Arbitrary<String> good = Arbitraries.integers().between(0, 255).map(String::valueOf);
        Arbitrary<String> oneBadPart = Arbitraries.integers().between(0, 3).flatMap(bad ->
                Arbitraries.oneOf(part, good).list().ofSize(4).flatMap(parts ->
                        part.map(p -> {
                            parts.set(bad, p);
                            return String.join(".", parts);
                        })));
        Arbitrary<String> wrongCount = good.list().ofMinSize(1).ofMaxSize(7)
                .filter(l -> l.size() != 4).map(l -> String.join(".", l));
        return Arbitraries.oneOf(oneBadPart, wrongCount);
    }
}
