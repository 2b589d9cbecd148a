package dev.rapport.text;

import tools.jackson.core.JacksonException;

/** How Rapport names the field a JSON read failed at, in every problem's {@code errors}. */
public final class JsonPaths {

	private JsonPaths() {
	}

	/** A path such as {@code emails[1].address}; {@code body} when the failure is not at a field. */
	public static String of(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

}
