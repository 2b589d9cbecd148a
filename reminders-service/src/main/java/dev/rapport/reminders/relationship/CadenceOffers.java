package dev.rapport.reminders.relationship;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Snoozing learns: a keep-in-touch nudge put off {@link #SNOOZES} times at the same cadence says the cadence is too
 * short for this person, so the relationship offers a longer one ({@link CadenceOffer}). Taking it changes the
 * contact's cadence (in contacts-service; the count then starts again at the new one); declining forgets the count.
 */
@Repository
public class CadenceOffers {

	/** Snoozes at one cadence before a longer one is offered. */
	public static final int SNOOZES = 3;

	/** The cadences offered, in days: the next one above the current (the tiers' 30, 90 and 180 days, then a year). */
	static final List<Integer> LONGER = List.of(30, 90, 180, 365);

	private final JdbcClient jdbc;

	CadenceOffers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A keep-in-touch nudge about {@code contactId} was snoozed while its cadence was {@code cadenceDays}. */
	public void snoozed(UUID contactId, int cadenceDays, Instant now) {
		jdbc.sql("""
				insert into cadence_offer (contact_id, cadence_days, snoozes, updated_at)
				values (:contact, :days, 1, :now)
				on conflict (contact_id) do update set
				  snoozes = case when cadence_offer.cadence_days = excluded.cadence_days then cadence_offer.snoozes + 1 else 1 end,
				  cadence_days = excluded.cadence_days, updated_at = excluded.updated_at
				""")
			.param("contact", contactId)
			.param("days", cadenceDays)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** The offer for {@code relationship}, if its nudges were snoozed often enough at the cadence it has now. */
	public Optional<CadenceOffer> offer(Relationship relationship) {
		Integer current = relationship.standing().effectiveCadenceDays();
		if (current == null) {
			return Optional.empty();
		}
		Optional<Integer> longer = LONGER.stream().filter(days -> days > current).findFirst();
		if (longer.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("select snoozes from cadence_offer where contact_id = :contact and cadence_days = :days")
			.param("contact", relationship.contactId())
			.param("days", current)
			.query(Integer.class)
			.optional()
			.filter(snoozes -> snoozes >= SNOOZES)
			.map(snoozes -> new CadenceOffer(snoozes, current, longer.get()));
	}

	/** The member keeps the cadence: the count starts again. */
	public void decline(UUID contactId) {
		jdbc.sql("delete from cadence_offer where contact_id = :contact").param("contact", contactId).update();
	}

	/** A longer cadence for a relationship whose nudges keep being put off. */
	@Schema(description = "Offered after " + SNOOZES + " snoozes at the current cadence: set the contact's cadence to "
			+ "{\"days\": suggestedDays} to take it, or DELETE /api/relationships/{contactId}/cadence-offer to keep the current one")
	public record CadenceOffer(int snoozes, int currentDays, int suggestedDays) {
	}

}
