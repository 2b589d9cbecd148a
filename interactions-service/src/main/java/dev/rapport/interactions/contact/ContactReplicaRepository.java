package dev.rapport.interactions.contact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.rapport.events.ContactSnapshot;
import dev.rapport.events.ContactSnapshot.Visibility;

/**
 * The contact replica in PostgreSQL. Every write is an idempotent, order-tolerant upsert: a snapshot only replaces
 * an older one (by contact version), and nothing revives a deleted contact.
 */
@Repository
public class ContactReplicaRepository {

	private static final String COLUMNS = "contact_id, team_id, owner_id, visibility, archived, version, deleted";

	private final JdbcClient jdbc;

	private final RowMapper<ContactReplica> rows = ContactReplicaRepository::map;

	public ContactReplicaRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<ContactReplica> find(UUID contactId) {
		return jdbc.sql("select " + COLUMNS + " from contact_replica where contact_id = :id")
			.param("id", contactId)
			.query(rows)
			.optional();
	}

	/** The replicas of {@code contactIds} that exist here, tombstones included. */
	List<ContactReplica> findAll(Collection<UUID> contactIds) {
		if (contactIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from contact_replica where contact_id in (:ids)")
			.param("ids", contactIds)
			.query(rows)
			.list();
	}

	/**
	 * The replicas of {@code contactIds}, share-locked until the transaction ends: an interaction naming a contact
	 * commits before that contact's erasure starts (or waits until it is done), so erasure never misses one.
	 */
	public Map<UUID, ContactReplica> lockForReference(Collection<UUID> contactIds) {
		if (contactIds.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("select " + COLUMNS + " from contact_replica where contact_id in (:ids) for share")
			.param("ids", contactIds)
			.query(rows)
			.list()
			.stream()
			.collect(Collectors.toMap(ContactReplica::contactId, Function.identity()));
	}

	/** Applies a full snapshot unless a newer one (or the contact's deletion) is already here. */
	boolean applySnapshot(UUID contactId, UUID teamId, UUID ownerId, ContactSnapshot snapshot) {
		return applySnapshot(contactId, teamId, ownerId, snapshot.visibility(), snapshot.archived(), snapshot.version(),
				snapshot.updatedAt(), snapshot.howWeMet() == null ? null : snapshot.howWeMet().introducedBy());
	}

	/** The same from the fields that matter here, wherever they were read (an event, or contacts-service's API). */
	boolean applySnapshot(UUID contactId, UUID teamId, UUID ownerId, Visibility visibility, boolean archived,
			long version, Instant updatedAt, UUID introducedBy) {
		return jdbc.sql("""
				insert into contact_replica (contact_id, team_id, owner_id, visibility, archived, version, archived_as_of,
				  introduced_by)
				values (:id, :team, :owner, :visibility, :archived, :version, :asOf, :introducedBy)
				on conflict (contact_id) do update set
				  team_id = excluded.team_id,
				  owner_id = excluded.owner_id,
				  visibility = excluded.visibility,
				  version = excluded.version,
				  introduced_by = excluded.introduced_by,
				  archived = case when contact_replica.archived_as_of is null
				                    or contact_replica.archived_as_of <= excluded.archived_as_of
				                  then excluded.archived else contact_replica.archived end,
				  archived_as_of = greatest(contact_replica.archived_as_of, excluded.archived_as_of)
				where not contact_replica.deleted and contact_replica.version < excluded.version
				""")
			.param("id", contactId)
			.param("team", teamId)
			.param("owner", ownerId)
			.param("visibility", visibility.name())
			.param("archived", archived)
			.param("version", version)
			.param("asOf", Timestamp.from(updatedAt))
			.param("introducedBy", introducedBy)
			.update() == 1;
	}

	/**
	 * Archive events carry no version: they win over what is known when they are newer. Before the contact's
	 * snapshot arrives, the contact is known as private to its owner (the safe side) at version 0.
	 */
	boolean applyArchived(UUID contactId, UUID teamId, UUID ownerId, boolean archived, Instant at) {
		return jdbc.sql("""
				insert into contact_replica (contact_id, team_id, owner_id, visibility, archived, version, archived_as_of)
				values (:id, :team, :owner, 'PRIVATE', :archived, 0, :asOf)
				on conflict (contact_id) do update set
				  archived = excluded.archived,
				  archived_as_of = excluded.archived_as_of
				where not contact_replica.deleted
				  and (contact_replica.archived_as_of is null or contact_replica.archived_as_of <= excluded.archived_as_of)
				""")
			.param("id", contactId)
			.param("team", teamId)
			.param("owner", ownerId)
			.param("archived", archived)
			.param("asOf", Timestamp.from(at))
			.update() == 1;
	}

	/**
	 * A handoff: the contact is {@code ownerId}'s from now on (a private one is theirs to see, and no longer the
	 * previous owner's). Her version stays: the event carries none, and her next snapshot is newer anyway.
	 */
	boolean applyOwner(UUID contactId, UUID teamId, UUID ownerId) {
		return jdbc.sql("""
				update contact_replica set owner_id = :owner
				where contact_id = :id and team_id = :team and not deleted and owner_id <> :owner
				""").param("id", contactId).param("team", teamId).param("owner", ownerId).update() == 1;
	}

	/**
	 * Reduces the contact to a tombstone (ids only), row-locked until the transaction ends; true if it was not
	 * deleted before. A deletion that arrives first leaves the tombstone that makes the late creation a no-op.
	 */
	boolean markDeleted(UUID contactId, UUID teamId, UUID ownerId) {
		Boolean wasDeleted = jdbc.sql("""
				select deleted from contact_replica where contact_id = :id for update
				""").param("id", contactId).query(Boolean.class).optional().orElse(null);
		jdbc.sql("""
				insert into contact_replica (contact_id, team_id, owner_id, visibility, archived, version, deleted)
				values (:id, :team, :owner, 'PRIVATE', false, 0, true)
				on conflict (contact_id) do update set deleted = true, visibility = 'PRIVATE', archived = false,
				  archived_as_of = null, introduced_by = null
				""").param("id", contactId).param("team", teamId).param("owner", ownerId).update();
		return !Boolean.TRUE.equals(wasDeleted);
	}

	/**
	 * The contacts an introduction links to {@code contactId}, as replicas: the one who introduced it and the ones it
	 * introduced, deleted ones left out. Whether the caller may see them is the caller's check.
	 */
	List<Introduction> introductions(UUID contactId) {
		return jdbc.sql("""
				select r.contact_id, r.team_id, r.owner_id, r.visibility, r.archived, r.version, r.deleted,
				       true as introduced_them
				from contact_replica x join contact_replica r on r.contact_id = x.introduced_by
				where x.contact_id = :id and not r.deleted
				union all
				select r.contact_id, r.team_id, r.owner_id, r.visibility, r.archived, r.version, r.deleted, false
				from contact_replica r
				where r.introduced_by = :id and not r.deleted
				""")
			.param("id", contactId)
			.query((rs, row) -> new Introduction(map(rs, row), rs.getBoolean("introduced_them")))
			.list();
	}

	private static ContactReplica map(ResultSet rs, int row) throws SQLException {
		return new ContactReplica(rs.getObject("contact_id", UUID.class), rs.getObject("team_id", UUID.class),
				rs.getObject("owner_id", UUID.class), Visibility.valueOf(rs.getString("visibility")),
				rs.getBoolean("archived"), rs.getLong("version"), rs.getBoolean("deleted"));
	}

}
