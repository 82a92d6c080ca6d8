package io.scopecloud.probe.host;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link LocalNetworks} from the JVM's view of the network interfaces, like Go's
 * {@code net.InterfaceAddrs}: every IPv4 address of every interface, loopback included, written
 * as the address (not the network) and its prefix length.
 */
public final class InterfaceLocalNetworks implements LocalNetworks {
    private static final Logger log = LoggerFactory.getLogger(InterfaceLocalNetworks.class);

    @Override
    public List<String> cidrs() {
        List<String> result = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InterfaceAddress address : nic.getInterfaceAddresses()) {
                    if (address.getAddress() instanceof Inet4Address ipv4) {
                        result.add(ipv4.getHostAddress() + "/" + address.getNetworkPrefixLength());
                    }
                }
            }
        } catch (SocketException e) {
            log.warn("cannot list network interfaces: {}", e.toString());
        }
        Collections.sort(result);
        return result;
    }
}
