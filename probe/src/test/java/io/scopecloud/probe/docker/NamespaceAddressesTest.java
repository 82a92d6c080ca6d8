package io.scopecloud.probe.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespaceAddressesTest {
    @TempDir
    Path proc;

    @Test
    void readsTheLocalAddressesOfAContainersNamespaceWithoutLoopback() {
        assertThat(NamespaceAddresses.parseFibTrie(DockerFixtures.text("fib_trie-container.txt")))
                .containsExactly("10.88.0.6");
    }

    @Test
    void readsThemFromTheProcRootAndIgnoresMissingProcesses() throws Exception {
        Files.createDirectories(proc.resolve("77/net"));
        Files.writeString(proc.resolve("77/net/fib_trie"), DockerFixtures.text("fib_trie-container.txt"));
        NamespaceAddresses addresses = new NamespaceAddresses(proc);

        assertThat(addresses.read(77)).containsExactly("10.88.0.6");
        assertThat(addresses.read(78)).isEmpty();
        assertThat(addresses.read(0)).isEmpty();
    }

    @Test
    void aContainerInTheHostsNamespaceHasNoneOfItsOwn() throws Exception {
        Files.createDirectories(proc.resolve("77/ns"));
        Files.createDirectories(proc.resolve("1/ns"));
        Files.createDirectories(proc.resolve("77/net"));
        Files.createSymbolicLink(proc.resolve("77/ns/net"), Path.of("net:[4026531840]"));
        Files.createSymbolicLink(proc.resolve("1/ns/net"), Path.of("net:[4026531840]"));
        Files.writeString(proc.resolve("77/net/fib_trie"), DockerFixtures.text("fib_trie-container.txt"));

        assertThat(new NamespaceAddresses(proc).read(77)).isEmpty();
    }
}
