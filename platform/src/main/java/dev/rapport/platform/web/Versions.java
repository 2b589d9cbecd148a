package dev.rapport.platform.web;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Optimistic locking over HTTP: the ETag is the resource version; a stale {@code If-Match} answers 412, a stale
 * {@code version} member in a patch 409.
 */
public final class Versions {

	private Versions() {
	}

	public static String etag(long version) {
		return "\"" + version + "\"";
	}

	/** {@code "3"} or {@code W/"3"} to 3; {@code *} or no header to null (no precondition). */
	public static Long fromIfMatch(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
			return null;
		}
		String tag = ifMatch.strip();
		if (tag.startsWith("W/")) {
			tag = tag.substring(2);
		}
		try {
			return Long.parseLong(tag.replace("\"", ""));
		}
		catch (NumberFormatException ex) {
			throw ApiException.invalid("If-Match", "must be an ETag this API returned, such as \"3\"");
		}
	}

	/**
	 * Checks both preconditions against {@code currentVersion} and returns the patch without its {@code version}
	 * member, ready to merge.
	 */
	public static ObjectNode checkPatch(ObjectNode patch, Long ifMatchVersion, long currentVersion) {
		if (ifMatchVersion != null && ifMatchVersion != currentVersion) {
			throw ApiException.preconditionFailed(currentVersion);
		}
		JsonNode version = patch.get(WritableFields.VERSION);
		if (version != null) {
			if (!version.canConvertToLong()) {
				throw ApiException.invalid(WritableFields.VERSION, "must be a number");
			}
			if (version.asLong() != currentVersion) {
				throw ApiException.staleVersion(currentVersion);
			}
		}
		ObjectNode changes = patch.deepCopy();
		changes.remove(WritableFields.VERSION);
		return changes;
	}

	/**
	 * Writes {@code updated} over {@code current}, the version the caller read. When the stored resource moved on
	 * meanwhile, the caller learns the version now stored: 412 if they had sent If-Match ({@code viaIfMatch}), 409
	 * otherwise; 404 ({@code what}, e.g. "Contact") when it is gone.
	 */
	public static <T extends Versioned> void save(VersionedStore<T> store, String what, T updated, T current,
			boolean viaIfMatch) {
		if (!store.update(updated, current.version())) {
			long now = store.find(current.teamId(), current.id()).map(Versioned::version).orElse(-1L);
			if (now < 0) {
				throw ApiException.notFound(what, current.id());
			}
			throw viaIfMatch ? ApiException.preconditionFailed(now) : ApiException.staleVersion(now);
		}
	}

}
