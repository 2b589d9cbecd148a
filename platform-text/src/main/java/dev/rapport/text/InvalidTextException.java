package dev.rapport.text;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.InvalidFormatException;

/** A JSON string that breaks {@link TextRules}; its path names the field, its message says why. */
public class InvalidTextException extends InvalidFormatException {

	private final String reason;

	public InvalidTextException(JsonParser parser, String reason) {
		super(parser, "Text " + reason, null, String.class);
		this.reason = reason;
	}

	/** Why the text was refused, e.g. "contains the control character U+0000; ...". */
	public String reason() {
		return reason;
	}

}
