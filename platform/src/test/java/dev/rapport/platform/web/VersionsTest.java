package dev.rapport.platform.web;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A save over the version the caller read: written when it is still stored, the stored version named otherwise. */
class VersionsTest {

	static final UUID TEAM = UUID.randomUUID();

	final Notes notes = new Notes();

	@Test
	void writesOverTheVersionItWasReadAt() {
		Note current = notes.add(new Note(UUID.randomUUID(), TEAM, "first", 1));
		Note updated = new Note(current.id(), TEAM, "second", 2);

		Versions.save(notes, "Note", updated, current, true);

		assertThat(notes.find(TEAM, current.id())).contains(updated);
	}

	@Test
	void aChangeMadeMeanwhileAnswers412ThroughIfMatchAnd409Otherwise() {
		Note read = notes.add(new Note(UUID.randomUUID(), TEAM, "first", 1));
		notes.add(new Note(read.id(), TEAM, "someone else's", 2));
		Note mine = new Note(read.id(), TEAM, "mine", 2);

		ApiException viaIfMatch = catchThrowableOfType(ApiException.class,
				() -> Versions.save(notes, "Note", mine, read, true));
		ApiException viaVersion = catchThrowableOfType(ApiException.class,
				() -> Versions.save(notes, "Note", mine, read, false));

		assertThat(viaIfMatch.problem().getStatus()).isEqualTo(412);
		assertThat(viaVersion.problem().getStatus()).isEqualTo(409);
		assertThat(notes.find(TEAM, read.id()).map(Note::text)).contains("someone else's");
	}

	@Test
	void aResourceGoneMeanwhileAnswers404() {
		Note read = new Note(UUID.randomUUID(), TEAM, "deleted since", 1);

		ApiException gone = catchThrowableOfType(ApiException.class,
				() -> Versions.save(notes, "Note", new Note(read.id(), TEAM, "mine", 2), read, false));

		assertThat(gone.problem().getStatus()).isEqualTo(404);
	}

	record Note(UUID id, UUID teamId, String text, long version) implements Versioned {
	}

	/** A store with the same contract as the services' repositories, in memory. */
	static class Notes implements VersionedStore<Note> {

		final Map<UUID, Note> stored = new HashMap<>();

		Note add(Note note) {
			stored.put(note.id(), note);
			return note;
		}

		@Override
		public Optional<Note> find(UUID teamId, UUID id) {
			return Optional.ofNullable(stored.get(id)).filter(note -> note.teamId().equals(teamId));
		}

		@Override
		public boolean update(Note note, long expectedVersion) {
			Note current = stored.get(note.id());
			if (current == null || current.version() != expectedVersion) {
				return false;
			}
			stored.put(note.id(), note);
			return true;
		}

	}

}
