package io.scopecloud.probe.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressesTest {

    @ParameterizedTest
    @CsvSource({
        "0100007F, 127.0.0.1",
        "00000000, 0.0.0.0",
        "0202000A, 10.0.2.2",
        "0500000A, 10.0.0.5",
        "FFFFFFFF, 255.255.255.255",
        "00000000000000000000000001000000, ::1",
        "00000000000000000000000000000000, ::",
        "0000000000000000FFFF00000100007F, 127.0.0.1",
        "0000000000000000FFFF00000500000A, 10.0.0.5",
        "B80D0120000000000000000001000000, 2001:db8::1",
        "000080FE00000000FF0050021C0304FE, fe80::250:ff:fe04:31c",
        "B80D0120000000000000010000000000, 2001:db8:0:0:1::",
        "B80D0120000001000000010000000100, 2001:db8:1:0:1:0:1:0",
    })
    void decodesKernelHexAndFormatsLikeGo(String hex, String expected) {
        assertThat(IpAddresses.format(IpAddresses.decodeProcHex(hex, 0, hex.length())))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1, true", "127.1.2.3, true", "::1, true", "10.0.0.1, false", "::, false", "::2, false"})
    void recognisesLoopback(String address, boolean loopback) {
        assertThat(IpAddresses.isLoopback(address)).isEqualTo(loopback);
    }

    @ParameterizedTest
    @CsvSource({"0100", "0100007F00"})
    void rejectsOddLengths(String hex) {
        assertThatThrownBy(() -> IpAddresses.decodeProcHex(hex, 0, hex.length()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
