package dev.rapport.platform.web;

import java.util.Optional;
import java.util.UUID;

/** What {@link Versions#save} needs of a repository: find a resource in its team, update it over a version. */
public interface VersionedStore<T extends Versioned> {

	/** The resource if it exists in the team, whoever may see it. */
	Optional<T> find(UUID teamId, UUID id);

	/** Writes {@code resource} if the stored one is still at {@code expectedVersion}; false otherwise (or if gone). */
	boolean update(T resource, long expectedVersion);

}
