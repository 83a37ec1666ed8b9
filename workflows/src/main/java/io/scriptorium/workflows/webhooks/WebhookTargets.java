package io.scriptorium.workflows.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs webhooks may be sent to: http or https, on a host whose every address is public, or in one of the
 * allowed networks. Checked at registration and again before each attempt, since a name can resolve elsewhere later.
 */
public final class WebhookTargets {

	private final List<Network> allowed;

	public WebhookTargets(List<String> allowedNetworks) {
		this.allowed = allowedNetworks.stream().map(String::strip).filter((cidr) -> !cidr.isEmpty())
			.map(Network::parse).toList();
	}

	/** @throws RefusedTarget naming why */
	public void check(URI url) {
		String scheme = (url.getScheme() == null) ? "" : url.getScheme().toLowerCase(Locale.ROOT);
		if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
			throw new RefusedTarget("A webhook URL must be an absolute http or https URL with a host: " + url);
		}
		if (url.getUserInfo() != null) {
			throw new RefusedTarget("A webhook URL must not carry credentials: " + url.getHost());
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(url.getHost());
		}
		catch (UnknownHostException ex) {
			throw new RefusedTarget("The webhook host " + url.getHost() + " does not resolve");
		}
		for (InetAddress address : addresses) {
			if (isInternal(address) && this.allowed.stream().noneMatch((network) -> network.contains(address))) {
				throw new RefusedTarget("The webhook host " + url.getHost() + " is on an internal address ("
						+ address.getHostAddress() + "); allow its network with scriptorium.webhooks.allowed-networks");
			}
		}
	}

	/** Loopback, link-local (cloud metadata), private, unique-local, carrier-grade NAT, unspecified or multicast. */
	static boolean isInternal(InetAddress address) {
		byte[] bytes = address.getAddress();
		boolean uniqueLocalV6 = (address instanceof Inet6Address) && (bytes[0] & 0xfe) == 0xfc;
		boolean carrierNat = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
		return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocalV6 || carrierNat;
	}

	/** A target the address rule refuses. */
	public static final class RefusedTarget extends RuntimeException {

		private static final long serialVersionUID = 1L;

		RefusedTarget(String message) {
			super(message);
		}

	}

	/** An address and a prefix length, e.g. 10.0.0.0/8. */
	record Network(byte[] address, int prefix) {

		static Network parse(String cidr) {
			int slash = cidr.indexOf('/');
			try {
				byte[] address = InetAddress.getByName((slash < 0) ? cidr : cidr.substring(0, slash)).getAddress();
				int prefix = (slash < 0) ? address.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
				if (prefix < 0 || prefix > address.length * 8) {
					throw new IllegalArgumentException("Prefix out of range in " + cidr);
				}
				return new Network(address, prefix);
			}
			catch (UnknownHostException | NumberFormatException ex) {
				throw new IllegalArgumentException("Not a network in CIDR notation: " + cidr, ex);
			}
		}

		boolean contains(InetAddress candidate) {
			byte[] other = candidate.getAddress();
			if (other.length != this.address.length) {
				return false;
			}
			for (int bit = 0; bit < this.prefix; bit++) {
				int mask = 0x80 >>> (bit % 8);
				if ((other[bit / 8] & mask) != (this.address[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

}
