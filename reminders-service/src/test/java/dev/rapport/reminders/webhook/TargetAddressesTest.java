package dev.rapport.reminders.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which addresses webhooks may not reach, range by range and on both sides of each boundary, through every IPv6 form
 * that carries an IPv4 address, and the policy that applies it to every address a host resolves to.
 */
class TargetAddressesTest {

	@ParameterizedTest
	@CsvSource({ "0.0.0.0, this network", "0.255.255.255, this network", "10.0.0.0, private network",
			"10.255.255.255, private network", "100.64.0.0, carrier-grade NAT", "100.127.255.255, carrier-grade NAT",
			"127.0.0.1, loopback", "127.255.255.254, loopback", "169.254.0.1, link-local",
			"169.254.169.254, link-local", "172.16.0.0, private network", "172.31.255.255, private network",
			"192.0.0.1, IETF protocol assignments", "192.168.0.1, private network", "192.168.255.255, private network",
			"198.18.0.1, benchmarking", "198.19.255.255, benchmarking", "224.0.0.1, multicast",
			"239.255.255.250, multicast", "240.0.0.1, reserved", "255.255.255.255, reserved",
			// IPv6
			"::, unspecified", "::1, loopback", "fc00::1, unique local", "fd12:3456:789a::1, unique local",
			"fe80::1, link-local", "febf:ffff::1, link-local", "fec0::1, site-local", "ff02::1, multicast",
			"ff0e::1, multicast",
			// IPv4 inside IPv6: mapped, compatible, NAT64, 6to4
			"::ffff:127.0.0.1, loopback", "::ffff:10.1.2.3, private network", "::ffff:169.254.169.254, link-local",
			"::ffff:192.168.1.1, private network", "::ffff:0.0.0.0, this network", "::127.0.0.1, loopback",
			"::10.0.0.1, private network", "::0.0.0.2, this network", "64:ff9b::7f00:1, loopback",
			"64:ff9b::a9fe:a9fe, link-local", "2002:7f00:1::, loopback", "2002:c0a8:101::1, private network",
			"2002:0a00:0001::, private network" })
	void forbidsAddressesOutsideThePublicInternet(String address, String what) throws UnknownHostException {
		assertThat(TargetAddresses.forbidden(literal(address))).as(address).contains(what);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
			"126.255.255.255", "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0",
			"192.0.1.0", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255",
			"93.184.216.34",
			// IPv6: global unicast, just outside ULA and link-local, public IPv4 inside the embedding forms
			"2606:4700:4700::1111", "2001:4860:4860::8888", "fbff:ffff::1", "fe7f::1", "::ffff:8.8.8.8",
			"64:ff9b::808:808", "2002:808:808::1", "::2:1:1:1:1" })
	void allowsPublicAddresses(String address) throws UnknownHostException {
		assertThat(TargetAddresses.forbidden(literal(address))).as(address).isEmpty();
	}

	@Test
	void theJdkTurnsAMappedLiteralIntoIpv4AndTheRuleStillHolds() throws UnknownHostException {
		// InetAddress.getByName("::ffff:127.0.0.1") answers an Inet4Address; the raw 16 bytes must be caught too.
		byte[] mapped = new byte[16];
		mapped[10] = (byte) 0xff;
		mapped[11] = (byte) 0xff;
		mapped[12] = 127;
		mapped[15] = 1;
		InetAddress v6 = java.net.Inet6Address.getByAddress(null, mapped, -1);
		assertThat(TargetAddresses.forbidden(v6)).contains("loopback");
	}

	@Test
	void thePolicyRefusesAHostWhenAnyOfItsAddressesIsForbiddenUnlessPrivateTargetsAreAllowed() {
		TargetPolicy strict = new TargetPolicy(false);
		assertThat(strict.resolve("127.0.0.1").refusal())
			.isEqualTo("refused: resolves to private address 127.0.0.1 (loopback)");
		assertThat(strict.resolve("localhost").allowed()).as("localhost resolves to loopback").isFalse();
		assertThat(strict.resolve("10.0.0.7").refusal()).isEqualTo("refused: resolves to private address 10.0.0.7 "
				+ "(private network)");
		assertThat(strict.resolve("[::1]").allowed()).isFalse();
		assertThat(strict.resolve("[::ffff:169.254.169.254]").allowed()).isFalse();
		assertThat(strict.resolve("8.8.8.8").allowed()).isTrue();
		assertThat(strict.problemAtCreation(URI.create("http://192.168.1.20:8080/hook")))
			.contains("resolves to a private address, which webhooks may not reach: 192.168.1.20 (private network)");
		assertThat(strict.problemAtCreation(URI.create("https://1.1.1.1/hook"))).isEmpty();
		assertThat(strict.problemAtCreation(URI.create("https://no-such-host.invalid/hook")))
			.contains("could not resolve host no-such-host.invalid");

		TargetPolicy open = new TargetPolicy(true);
		assertThat(open.resolve("127.0.0.1").allowed()).isTrue();
		assertThat(open.problemAtCreation(URI.create("http://10.0.0.7/hook"))).isEmpty();
	}

	private static InetAddress literal(String address) throws UnknownHostException {
		return InetAddress.getByName(address);
	}

}
