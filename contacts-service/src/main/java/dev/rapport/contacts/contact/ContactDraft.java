package dev.rapport.contacts.contact;

import java.time.LocalDate;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import dev.rapport.events.ContactSnapshot.Cadence.Tier;
import dev.rapport.events.ContactSnapshot.ImportantDate.Kind;
import dev.rapport.events.ContactSnapshot.Visibility;

/**
 * Everything a user may set on a contact: the body of a create, and the document a merge-patch applies to. The
 * server-owned fields (id, team, owner, archived, timestamps, version) are not here, so sending them is an error.
 */
public record ContactDraft(@NotBlank @Size(max = 200) String displayName, @Size(max = 100) String givenName,
		@Size(max = 100) String familyName, @Size(max = 20) List<@Valid @NotNull EmailAddress> emails,
		@Size(max = 20) List<@Valid @NotNull PhoneNumber> phones, @Size(max = 200) String company,
		@Size(max = 200) String title, @Size(max = 200) String location, @Valid HowWeMet howWeMet,
		@Size(max = 50) List<@NotBlank @Size(max = 50) String> tags,
		@Size(max = 50) List<@NotBlank @Size(max = 100) String> interests, @Size(max = 10_000) String context,
		@Size(max = 50) List<@Valid @NotNull ImportantDate> importantDates, @Valid CadenceChoice cadence,
		Visibility visibility) {

	/** Cross-field rules (the {@code @AssertTrue} methods below) and the field each is reported on; "" = its object. */
	static final Map<String, String> RULE_TO_FIELD = Map.of("realDay", "day", "labelledWhenCustom", "label",
			"birthdayNotInFuture", "year", "consistent", "days", "oneBirthdayAtMost", "importantDates", "tierOrDays",
			"");

	/** New contacts are private to their owner unless shared on purpose: they hold personal notes about people. */
	public static final Visibility DEFAULT_VISIBILITY = Visibility.PRIVATE;

	public ContactDraft {
		emails = emails == null ? List.of() : emails;
		phones = phones == null ? List.of() : phones;
		tags = tags == null ? List.of() : tags.stream().map(tag -> tag == null ? null : tag.strip().toLowerCase()).distinct().toList();
		interests = interests == null ? List.of() : interests;
		importantDates = importantDates == null ? List.of() : importantDates;
		visibility = visibility == null ? DEFAULT_VISIBILITY : visibility;
		displayName = displayName == null ? null : displayName.strip();
	}

	public ContactDraft withHowWeMet(HowWeMet howWeMet) {
		return new ContactDraft(displayName, givenName, familyName, emails, phones, company, title, location, howWeMet,
				tags, interests, context, importantDates, cadence, visibility);
	}

	@AssertTrue(message = "at most one birthday")
	boolean isOneBirthdayAtMost() {
		return importantDates.stream().filter(date -> date != null && date.kind() == Kind.BIRTHDAY).count() <= 1;
	}

	public record EmailAddress(@NotBlank @Email(regexp = ".+@.+\\..+") @Size(max = 320) String address,
			@Size(max = 50) String label) {
	}

	public record PhoneNumber(@NotBlank @Pattern(regexp = "^\\+?[0-9 ()./-]{3,40}$",
			message = "must be a phone number: digits, spaces and + ( ) . / - only") String number,
			@Size(max = 50) String label) {
	}

	/** Where and when we met, and who introduced us (another contact in the team). */
	public record HowWeMet(@Size(max = 200) String place, @PastOrPresent LocalDate date, UUID introducedBy,
			@Size(max = 2000) String note) {
	}

	/** A date to remember every year; the year is optional (a birthday without the birth year). */
	public record ImportantDate(@NotNull Kind kind, @Size(max = 100) String label, @Min(1) @Max(12) int month,
			@Min(1) @Max(31) int day, @Min(1900) @Max(2200) Integer year) {

		@AssertTrue(message = "is not a day of that month (29 February needs a leap year or no year)")
		boolean isRealDay() {
			if (month < 1 || month > 12 || day < 1) {
				return true; // reported by the field constraints
			}
			int leapYear = 2024;
			return day <= (year == null ? LocalDate.of(leapYear, month, 1) : LocalDate.of(year, month, 1)).lengthOfMonth();
		}

		@AssertTrue(message = "a custom date needs a label")
		boolean isLabelledWhenCustom() {
			return kind != Kind.CUSTOM || (label != null && !label.isBlank());
		}

		@AssertTrue(message = "a birthday cannot be in the future")
		boolean isBirthdayNotInFuture() {
			return kind != Kind.BIRTHDAY || year == null || year <= Year.now().getValue();
		}

	}

	/**
	 * The desired keep-in-touch rhythm: a tier (inner circle 14 days, close 30, network 90, acquaintance 180) or
	 * an explicit number of days. Send {@code null} for none.
	 */
	public record CadenceChoice(Tier tier, @Min(1) @Max(3650) Integer days) {

		@AssertTrue(message = "give a tier or a number of days")
		boolean isTierOrDays() {
			return tier != null || days != null;
		}

		@AssertTrue(message = "days must match the tier's days, or leave days out")
		boolean isConsistent() {
			return tier == null || days == null || days == Cadences.daysOf(tier);
		}

		public int effectiveDays() {
			return tier != null ? Cadences.daysOf(tier) : days;
		}

	}

}
