package dev.rapport.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Why a reminder exists. Unknown values from newer writers read as KEEP_IN_TOUCH, the generic "get in touch with
 * this contact", which is still true of any reminder.
 */
public enum ReminderKind {
	/** The contact's cadence says it is time to be in touch. */
	@JsonEnumDefaultValue KEEP_IN_TOUCH,
	/** A follow-up promised in an interaction is due. */
	FOLLOW_UP,
	/** A birthday, anniversary or other important date of the contact is coming up. */
	IMPORTANT_DATE
}
