package dev.rapport.interactions.network;

import java.util.List;
import java.util.UUID;

/** Who in the team has talked with a contact, warmest first. */
public record KnownBy(UUID contactId, List<Acquaintance> members) {
}
