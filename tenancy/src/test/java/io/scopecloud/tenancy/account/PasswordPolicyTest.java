package io.scopecloud.tenancy.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 17 item 7: length was the only rule, and "aaaaaaaaaa", ten spaces and ten NULs passed. */
class PasswordPolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaa", "          ", "password123", "Password1!", "qwertyuiop", "1234567890"})
    void refusesCommonAndTriviallyWeakPasswords(String password) {
        assertThat(PasswordPolicy.problemWith(PasswordPolicy.normalise(password)))
                .startsWith("this password is too easy to guess")
                .contains("passphrase");
    }

    @Test
    void refusesControlCharacters() {
        assertThat(PasswordPolicy.problemWith("\0".repeat(10))).contains("control characters");
        assertThat(PasswordPolicy.problemWith("quiet lantern\norbit")).contains("control characters");
    }

    @Test
    void refusesTooShortAndTooLongCountingCharactersNotUtf16Units() {
        assertThat(PasswordPolicy.problemWith("short")).contains("at least 10");
        assertThat(PasswordPolicy.problemWith("\uD83D\uDE00".repeat(9))).contains("at least 10");
        assertThat(PasswordPolicy.problemWith("x".repeat(257))).contains("at most 256");
    }

    @Test
    void acceptsPassphrasesAndRandomPasswords() {
        assertThat(PasswordPolicy.problemWith("correct horse battery")).isNull();
        assertThat(PasswordPolicy.problemWith("zq8#Lp2!vW")).isNull();
        assertThat(PasswordPolicy.problemWith(PasswordPolicy.normalise("Ünïcödé pässwörd 42")))
                .isNull();
    }

    @Test
    void normalisesToNfkcSoEveryKeyboardTypesTheSamePassword() {
        String composed = "caf\u00e9 lantern orbit";
        String decomposed = "cafe\u0301 lantern orbit";
        assertThat(PasswordPolicy.normalise(decomposed)).isEqualTo(composed);
        assertThat(PasswordPolicy.normalise("\uFF51\uFF55\uFF49\uFF45\uFF54")).isEqualTo("quiet");
    }
}
