package dev.rapport.reminders.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a webhook may not reach: a webhook URL is untrusted input, and without this rule a member could make
 * the service call its own actuator, the cloud's metadata endpoint (169.254.169.254) or anything else on the private
 * network it runs in. Decided on the resolved address, never on the host name (a public name can point anywhere), and
 * through IPv6 forms that carry an IPv4 address inside (mapped {@code ::ffff:10.0.0.1}, compatible {@code ::10.0.0.1},
 * NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}), which would otherwise walk around the IPv4 ranges.
 */
final class TargetAddresses {

	/** IPv4 ranges that are not the public internet, with what each one is. */
	private static final List<Range> IPV4 = List.of(range("0.0.0.0", 8, "this network"),
			range("10.0.0.0", 8, "private network"), range("100.64.0.0", 10, "carrier-grade NAT"),
			range("127.0.0.0", 8, "loopback"), range("169.254.0.0", 16, "link-local"),
			range("172.16.0.0", 12, "private network"), range("192.0.0.0", 24, "IETF protocol assignments"),
			range("192.168.0.0", 16, "private network"), range("198.18.0.0", 15, "benchmarking"),
			range("224.0.0.0", 4, "multicast"), range("240.0.0.0", 4, "reserved"));

	private static final List<Range> IPV6 = List.of(range("::", 128, "unspecified"), range("::1", 128, "loopback"),
			range("fc00::", 7, "unique local"), range("fe80::", 10, "link-local"),
			range("fec0::", 10, "site-local"), range("ff00::", 8, "multicast"));

	private TargetAddresses() {
	}

	/** Why {@code address} is not a public internet address (e.g. "loopback"), or empty when it is one. */
	static Optional<String> forbidden(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length == 4) {
			return find(IPV4, bytes);
		}
		Optional<String> ipv6 = find(IPV6, bytes);
		if (ipv6.isPresent()) {
			return ipv6;
		}
		return embeddedIpv4(bytes).flatMap(ipv4 -> find(IPV4, ipv4));
	}

	/**
	 * The IPv4 address an IPv6 address stands for, where it stands for one: ::ffff:a.b.c.d (mapped), ::a.b.c.d
	 * (compatible, deprecated but still parsed), 64:ff9b::a.b.c.d (NAT64) and 2002:aabb:ccdd::/48 (6to4).
	 */
	private static Optional<byte[]> embeddedIpv4(byte[] v6) {
		boolean mapped = allZero(v6, 0, 10) && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff;
		boolean compatible = allZero(v6, 0, 12);
		boolean nat64 = v6[0] == 0 && v6[1] == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b
				&& allZero(v6, 4, 12);
		if (mapped || compatible || nat64) {
			return Optional.of(Arrays.copyOfRange(v6, 12, 16));
		}
		if (v6[0] == 0x20 && v6[1] == 0x02) {
			return Optional.of(Arrays.copyOfRange(v6, 2, 6));
		}
		return Optional.empty();
	}

	private static boolean allZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static Optional<String> find(List<Range> ranges, byte[] address) {
		return ranges.stream().filter(range -> range.contains(address)).map(Range::what).findFirst();
	}

	private static Range range(String network, int prefix, String what) {
		try {
			return new Range(InetAddress.getByName(network).getAddress(), prefix, what);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("not an address literal: " + network, ex);
		}
	}

	/** The printable form of an address, IPv4 inside IPv6 included, for the member's delivery log. */
	static String print(InetAddress address) {
		return address instanceof Inet4Address ? address.getHostAddress()
				: address.getHostAddress().replaceFirst("%.*$", "");
	}

	private record Range(byte[] network, int prefix, String what) {

		boolean contains(byte[] address) {
			if (address.length != network.length) {
				return false;
			}
			int full = prefix / 8;
			for (int i = 0; i < full; i++) {
				if (address[i] != network[i]) {
					return false;
				}
			}
			int rest = prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (address[full] & mask) == (network[full] & mask);
		}
	}

}
