package io.scopecloud.tenancy.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenSecretsTest {
    @Test
    void generatesDistinctTokensOfTheDocumentedShape() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = TokenSecrets.generate();
            assertThat(token).matches("scp_[ybndrfg8ejkmcpqxot1uwisza345h769]{32}");
            seen.add(token);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void encodesZBase32LikeTheReference() {
        // z-base-32 of 0xF0 0xBF 0xC7 is "6n9hq" (the example of the z-base-32 paper).
        assertThat(TokenSecrets.zbase32(new byte[] {(byte) 0xF0, (byte) 0xBF, (byte) 0xC7}))
                .isEqualTo("6n9hq");
    }

    @Test
    void showsOnlyAShortPrefix() {
        assertThat(TokenSecrets.displayPrefix("scp_abcdefghijklmnop")).isEqualTo("scp_abcdefgh");
    }
}
