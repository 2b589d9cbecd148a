package dev.rapport.contacts.contact;

import dev.rapport.events.ContactSnapshot.Cadence.Tier;

/** The keep-in-touch tiers and the days each stands for. */
public final class Cadences {

	private Cadences() {
	}

	public static int daysOf(Tier tier) {
		return switch (tier) {
			case INNER_CIRCLE -> 14;
			case CLOSE -> 30;
			case NETWORK -> 90;
			case ACQUAINTANCE -> 180;
		};
	}

}
