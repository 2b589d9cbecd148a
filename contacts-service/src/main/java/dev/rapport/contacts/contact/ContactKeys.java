package dev.rapport.contacts.contact;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * The one normalisation that decides whether two contacts share an email, a phone or a name: used by the import's
 * "already a contact" check, duplicate detection and the merge's union of lists. Phones become E.164 with
 * libphonenumber; a number written without a country code is read in {@code defaultRegion} (a deployment setting,
 * {@code rapport.contacts.phone-region}: a team deployment serves one team, usually in one country). A wrong region
 * only costs matches, never invents one: both sides of a comparison are read the same way, and a number the region
 * cannot make valid falls back to its digits.
 */
public final class ContactKeys {

	/** Legal-form words that do not tell two companies apart ("Acme Inc." is "ACME"). */
	private static final Set<String> COMPANY_SUFFIXES = Set.of("inc", "incorporated", "ltd", "limited", "llc", "llp",
			"plc", "corp", "corporation", "co", "company", "gmbh", "ag", "sa", "sas", "sarl", "srl", "spa", "bv", "nv",
			"oy", "ab", "as", "pty", "kg");

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	private final String defaultRegion;

	public ContactKeys(String defaultRegion) {
		String region = defaultRegion == null ? "" : defaultRegion.strip().toUpperCase(Locale.ROOT);
		if (!region.isEmpty() && !PHONES.getSupportedRegions().contains(region)) {
			throw new IllegalArgumentException("Unknown phone region " + defaultRegion + " (an ISO 3166 code, e.g. US)");
		}
		this.defaultRegion = region.isEmpty() ? "ZZ" : region;
	}

	/** Addresses compare without case and surrounding blanks. */
	public static String email(String address) {
		return address == null || address.isBlank() ? null : address.strip().toLowerCase(Locale.ROOT);
	}

	/** The number in E.164 ({@code +4930123456}), or its digits when it cannot be made one; null when too short. */
	public String phone(String number) {
		if (number == null) {
			return null;
		}
		String digits = number.replaceAll("[^0-9]", "");
		if (digits.length() < 5) {
			return null;
		}
		try {
			Phonenumber.PhoneNumber parsed = PHONES.parse(number, defaultRegion);
			if (PHONES.isValidNumber(parsed)) {
				return PHONES.format(parsed, PhoneNumberFormat.E164);
			}
		}
		catch (NumberParseException notANumber) {
			// falls back to the digits below
		}
		return (number.strip().startsWith("+") ? "+" : "") + digits;
	}

	/** A name's words without case, accents or punctuation, in any order ("Lovelace, Ada" is "Ada Lovelace"). */
	public static String name(String name) {
		String words = words(name);
		return words.isEmpty() ? null : Arrays.stream(words.split(" ")).sorted().collect(Collectors.joining(" "));
	}

	/** A company's words without case, accents, punctuation or legal form; null when nothing is left. */
	public static String company(String company) {
		String words = words(company);
		String key = Arrays.stream(words.split(" "))
			.filter(word -> !word.isEmpty() && !COMPANY_SUFFIXES.contains(word))
			.collect(Collectors.joining(" "));
		return key.isEmpty() ? null : key;
	}

	private static String words(String text) {
		if (text == null) {
			return "";
		}
		String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
	}

}
