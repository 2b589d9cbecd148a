package dev.rapport.reminders.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Resolves a webhook's host and decides whether it may be reached: by default only when every address it resolves to
 * is a public one ({@link TargetAddresses}). One forbidden address is enough to refuse: a resolver answering a public
 * and a private address would otherwise let the connection land on the private one. Operators who run receivers on
 * their own network allow private targets with {@code rapport.webhooks.allow-private-targets}.
 */
@Component
class TargetPolicy {

	private final boolean allowPrivate;

	@Autowired
	TargetPolicy(WebhookProperties properties) {
		this(properties.allowPrivateTargets());
	}

	TargetPolicy(boolean allowPrivate) {
		this.allowPrivate = allowPrivate;
	}

	/** The host's addresses, all of them allowed; or why not. */
	Resolution resolve(String host) {
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			return new Resolution(List.of(), "could not resolve host " + host, null);
		}
		if (!allowPrivate) {
			for (InetAddress address : addresses) {
				Optional<String> why = TargetAddresses.forbidden(address);
				if (why.isPresent()) {
					String forbidden = TargetAddresses.print(address) + " (" + why.get() + ")";
					return new Resolution(List.of(), "refused: resolves to private address " + forbidden, forbidden);
				}
			}
		}
		return new Resolution(List.of(addresses), null, null);
	}

	/**
	 * What is wrong with making a webhook of {@code url} now: its host does not resolve, or resolves to an address
	 * webhooks may not reach. Checked again at every delivery, since what a name resolves to changes.
	 */
	Optional<String> problemAtCreation(URI url) {
		Resolution resolution = resolve(url.getHost());
		if (resolution.allowed()) {
			return Optional.empty();
		}
		return Optional.of(resolution.forbiddenAddress() == null ? resolution.refusal()
				: "resolves to a private address, which webhooks may not reach: " + resolution.forbiddenAddress());
	}

	/**
	 * The addresses to connect to; or none, the reason why, and the forbidden address with its kind when that is the
	 * reason.
	 */
	record Resolution(List<InetAddress> addresses, String refusal, String forbiddenAddress) {

		boolean allowed() {
			return refusal == null;
		}

	}

}
