package dev.rapport.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * How warm a relationship is, judged from the time since the last interaction against the contact's cadence,
 * from warmest to coldest. Unknown values from newer writers read as COOLING: the relationship needs attention,
 * which is the least misleading guess whether the new state is warmer or colder.
 */
public enum RelationshipState {
	/** Last touch well within the cadence. */
	WARM,
	/** The cadence is about to run out, or just has: time to reach out. */
	DUE,
	/** Clearly overdue. */
	@JsonEnumDefaultValue COOLING,
	/** Long overdue; the relationship is at risk of fading. */
	COLD
}
