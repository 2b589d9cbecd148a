package dev.rapport.gateway.member;

import java.time.Instant;
import java.util.UUID;

/** A team: the unit of isolation. No member of one team ever sees another team's data. */
public record Team(UUID id, String name, Instant createdAt) {
}
