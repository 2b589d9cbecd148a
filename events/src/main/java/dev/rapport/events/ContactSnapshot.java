package dev.rapport.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The full state of one contact as published in events, so consumers can keep their own copy without calling
 * the contacts service. Lists are never null (empty instead); other optional fields are null when unknown.
 */
public record ContactSnapshot(
		String displayName,
		String givenName,
		String familyName,
		List<Email> emails,
		List<Phone> phones,
		String company,
		String title,
		String location,
		HowWeMet howWeMet,
		List<String> tags,
		List<String> interests,
		String context,
		List<ImportantDate> importantDates,
		Cadence cadence,
		Visibility visibility,
		boolean archived,
		long version,
		Instant createdAt,
		Instant updatedAt) {

	/** Bookkeeping that changes on every update, so listing it in {@link ContactUpdated#changedFields()} says nothing. */
	private static final Set<String> BOOKKEEPING = Set.of("version", "createdAt", "updatedAt");

	public ContactSnapshot {
		Objects.requireNonNull(displayName, "displayName");
		Objects.requireNonNull(visibility, "visibility");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(updatedAt, "updatedAt");
		emails = emails == null ? List.of() : List.copyOf(emails);
		phones = phones == null ? List.of() : List.copyOf(phones);
		tags = tags == null ? List.of() : List.copyOf(tags);
		interests = interests == null ? List.of() : List.copyOf(interests);
		importantDates = importantDates == null ? List.of() : List.copyOf(importantDates);
	}

	/** Names of the top-level fields whose values differ, in declaration order, ignoring version and timestamps. */
	public static List<String> changedFields(ContactSnapshot before, ContactSnapshot after) {
		List<String> changed = new ArrayList<>();
		for (RecordComponent component : ContactSnapshot.class.getRecordComponents()) {
			if (BOOKKEEPING.contains(component.getName())) {
				continue;
			}
			try {
				Object old = component.getAccessor().invoke(before);
				Object now = component.getAccessor().invoke(after);
				if (!Objects.equals(old, now)) {
					changed.add(component.getName());
				}
			} catch (ReflectiveOperationException e) {
				throw new IllegalStateException("Cannot read " + component.getName(), e);
			}
		}
		return List.copyOf(changed);
	}

	/** Who may see the contact. Unknown values from newer writers read as PRIVATE, the safe side. */
	public enum Visibility {
		@JsonEnumDefaultValue PRIVATE,
		TEAM
	}

	public record Email(String address, String label) {
		public Email {
			Objects.requireNonNull(address, "address");
		}
	}

	public record Phone(String number, String label) {
		public Phone {
			Objects.requireNonNull(number, "number");
		}
	}

	/** Where and how the relationship started; every part is optional. */
	public record HowWeMet(String place, LocalDate date, UUID introducedBy, String note) {
	}

	/** A recurring date to remember; {@code year} is null when unknown (a birthday without the birth year). */
	public record ImportantDate(Kind kind, String label, int month, int day, Integer year) {

		public ImportantDate {
			Objects.requireNonNull(kind, "kind");
			if (month < 1 || month > 12) {
				throw new IllegalArgumentException("month must be 1-12: " + month);
			}
			if (day < 1 || day > 31) {
				throw new IllegalArgumentException("day must be 1-31: " + day);
			}
		}

		/** Unknown values from newer writers read as CUSTOM, which still shows the label. */
		public enum Kind {
			BIRTHDAY,
			ANNIVERSARY,
			@JsonEnumDefaultValue CUSTOM
		}
	}

	/**
	 * How often to stay in touch. {@code tier} is the preset the user picked, or null for a custom interval;
	 * {@code days} is what counts.
	 */
	public record Cadence(Tier tier, int days) {

		public Cadence {
			if (days < 1) {
				throw new IllegalArgumentException("days must be positive: " + days);
			}
		}

		/** Unknown values from newer writers read as null: {@code days} still holds the interval. */
		public enum Tier {
			INNER_CIRCLE,
			CLOSE,
			NETWORK,
			ACQUAINTANCE
		}
	}
}
