package dev.rapport.contacts.contact;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.rapport.contacts.contact.Contact.CadenceView;
import dev.rapport.contacts.contact.ContactDraft.EmailAddress;
import dev.rapport.contacts.contact.ContactDraft.HowWeMet;
import dev.rapport.contacts.contact.ContactDraft.ImportantDate;
import dev.rapport.contacts.contact.ContactDraft.PhoneNumber;
import dev.rapport.events.ContactSnapshot.Cadence.Tier;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.platform.web.VersionedStore;

/**
 * Contacts in PostgreSQL. Plain SQL: lists of structured values are JSONB, tags and interests text arrays, and a
 * lower-cased {@code search_text} column feeds the trigram index that search uses.
 */
@Repository
public class ContactRepository implements VersionedStore<Contact> {

	private static final String COLUMNS = """
			id, team_id, owner_id, display_name, given_name, family_name, emails::text as emails,
			phones::text as phones, company, title, location, met_place, met_on, introduced_by, met_note, tags,
			interests, context, important_dates::text as important_dates, cadence_tier, cadence_days, visibility,
			archived, created_at, updated_at, version""";

	private static final TypeReference<List<EmailAddress>> EMAILS = new TypeReference<>() {
	};

	private static final TypeReference<List<PhoneNumber>> PHONES = new TypeReference<>() {
	};

	private static final TypeReference<List<ImportantDate>> DATES = new TypeReference<>() {
	};

	/** 27 parameters a contact: well under PostgreSQL's 65,535 parameters a statement. */
	private static final int MAX_ROWS_PER_INSERT = 500;

	/** One row of {@link #insertAll}'s statement; {@code #} is the row's number in it. */
	private static final String INSERT_VALUES = """
			(:id#, :team#, :owner#, :displayName#, :givenName#, :familyName#, cast(:emails# as jsonb),
			  cast(:phones# as jsonb), :company#, :title#, :location#, :metPlace#, :metOn#, :introducedBy#, :metNote#,
			  :tags#, :interests#, :context#, cast(:importantDates# as jsonb), :cadenceTier#, :cadenceDays#,
			  :visibility#, :archived#, :createdAt#, :updatedAt#, :version#, :searchText#)""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final RowMapper<Contact> rows = this::map;

	public ContactRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The contact if it exists in the team, whoever may see it; visibility is the caller's business. */
	@Override
	public Optional<Contact> find(UUID teamId, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from contact where team_id = :team and id = :id")
			.param("team", teamId)
			.param("id", id)
			.query(rows)
			.optional();
	}

	public void insert(Contact contact) {
		jdbc.sql("""
				insert into contact (id, team_id, owner_id, display_name, given_name, family_name, emails, phones,
				  company, title, location, met_place, met_on, introduced_by, met_note, tags, interests, context,
				  important_dates, cadence_tier, cadence_days, visibility, archived, created_at, updated_at, version,
				  search_text)
				values (:id, :team, :owner, :displayName, :givenName, :familyName, cast(:emails as jsonb),
				  cast(:phones as jsonb), :company, :title, :location, :metPlace, :metOn, :introducedBy, :metNote,
				  :tags, :interests, :context, cast(:importantDates as jsonb), :cadenceTier, :cadenceDays,
				  :visibility, :archived, :createdAt, :updatedAt, :version, :searchText)
				""")
			.params(params(contact))
			.update();
	}

	/** Inserts many contacts, a statement per hundreds of them rather than one each (an import's batch). */
	public void insertAll(List<Contact> contacts) {
		for (int from = 0; from < contacts.size(); from += MAX_ROWS_PER_INSERT) {
			List<Contact> chunk = contacts.subList(from, Math.min(contacts.size(), from + MAX_ROWS_PER_INSERT));
			StringBuilder sql = new StringBuilder("""
					insert into contact (id, team_id, owner_id, display_name, given_name, family_name, emails, phones,
					  company, title, location, met_place, met_on, introduced_by, met_note, tags, interests, context,
					  important_dates, cadence_tier, cadence_days, visibility, archived, created_at, updated_at, version,
					  search_text)
					values """);
			Map<String, Object> params = new HashMap<>();
			for (int i = 0; i < chunk.size(); i++) {
				sql.append(i == 0 ? "" : ", ").append(INSERT_VALUES.replace("#", Integer.toString(i)));
				int row = i;
				params(chunk.get(i)).forEach((name, value) -> params.put(name + row, value));
			}
			jdbc.sql(sql.toString()).params(params).update();
		}
	}

	/** Writes {@code contact} if the stored version is still {@code expectedVersion}; false when someone else won. */
	@Override
	public boolean update(Contact contact, long expectedVersion) {
		return jdbc.sql("""
				update contact set display_name = :displayName, given_name = :givenName, family_name = :familyName,
				  emails = cast(:emails as jsonb), phones = cast(:phones as jsonb), company = :company, title = :title,
				  location = :location, met_place = :metPlace, met_on = :metOn, introduced_by = :introducedBy,
				  met_note = :metNote, tags = :tags, interests = :interests, context = :context,
				  important_dates = cast(:importantDates as jsonb), cadence_tier = :cadenceTier,
				  cadence_days = :cadenceDays, visibility = :visibility, archived = :archived,
				  updated_at = :updatedAt, version = :version, search_text = :searchText
				where team_id = :team and id = :id and version = :expectedVersion
				""")
			.params(params(contact))
			.param("expectedVersion", expectedVersion)
			.update() == 1;
	}

	public boolean delete(UUID teamId, UUID id) {
		return jdbc.sql("delete from contact where team_id = :team and id = :id")
			.param("team", teamId)
			.param("id", id)
			.update() == 1;
	}

	/** Locks the team's contacts among {@code ids} for the transaction, in id order (two merges never deadlock). */
	public List<Contact> lockAll(UUID teamId, Collection<UUID> ids) {
		return jdbc.sql("select " + COLUMNS + " from contact where team_id = :team and id in (:ids) order by id for update")
			.param("team", teamId)
			.param("ids", ids)
			.query(rows)
			.list();
	}

	/** Locks the team's contacts among {@code ids} for the transaction, in id order: a handoff's named contacts. */
	public List<Contact> lockForHandoff(UUID teamId, Collection<UUID> ids) {
		return jdbc.sql("select " + COLUMNS + " from contact where team_id = :team and id = any(:ids) order by id for update")
			.param("team", teamId)
			.param("ids", ids.toArray(UUID[]::new))
			.query(rows)
			.list();
	}

	/** Locks up to {@code limit} of the contacts {@code ownerId} owns in the team, in id order: "all of theirs". */
	public List<Contact> lockOwnedBy(UUID teamId, UUID ownerId, int limit) {
		return jdbc.sql("select " + COLUMNS + """
				 from contact where team_id = :team and owner_id = :owner order by id limit :limit for update
				""")
			.param("team", teamId)
			.param("owner", ownerId)
			.param("limit", limit)
			.query(rows)
			.list();
	}

	/**
	 * Makes {@code ownerId} the owner of the team's contacts {@code ids} (locked by the caller), each at its next
	 * version, in one statement; answers them as they are now.
	 */
	public List<Contact> handOver(UUID teamId, Collection<UUID> ids, UUID ownerId, Instant now) {
		return jdbc.sql("update contact set owner_id = :owner, version = version + 1, updated_at = :now"
				+ " where team_id = :team and id = any(:ids) returning " + COLUMNS)
			.param("team", teamId)
			.param("ids", ids.toArray(UUID[]::new))
			.param("owner", ownerId)
			.param("now", Timestamp.from(now))
			.query(rows)
			.list();
	}

	/** The contact {@code id} was merged into, when it was merged away (the survivor exists: chains are kept flat). */
	public Optional<UUID> mergedInto(UUID teamId, UUID id) {
		return jdbc.sql("select survivor_id from merged_contact where team_id = :team and id = :id")
			.param("team", teamId)
			.param("id", id)
			.query(UUID.class)
			.optional();
	}

	/**
	 * Records that {@code merged} now lives on as {@code survivor}, and so does whatever had been merged into
	 * {@code merged} before (the chain kept flat). Call before deleting {@code merged}, whose pointers would go with it.
	 */
	public void recordMerge(UUID teamId, UUID merged, UUID survivor, UUID mergedBy, Instant at) {
		jdbc.sql("update merged_contact set survivor_id = :survivor where team_id = :team and survivor_id = :merged")
			.param("team", teamId)
			.param("merged", merged)
			.param("survivor", survivor)
			.update();
		jdbc.sql("""
				insert into merged_contact (id, team_id, survivor_id, merged_by, merged_at)
				values (:merged, :team, :survivor, :by, :at)
				""")
			.param("merged", merged)
			.param("team", teamId)
			.param("survivor", survivor)
			.param("by", mergedBy)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** Contacts who name {@code id} as their introducer; their link is cleared when it is erased. */
	public List<Contact> introducedBy(UUID teamId, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from contact where team_id = :team and introduced_by = :id")
			.param("team", teamId)
			.param("id", id)
			.query(rows)
			.list();
	}

	/** The email addresses ({@link ContactKeys#email}) of the team's contacts {@code userId} can see (shared, or their own). */
	public Set<String> visibleEmails(UUID teamId, UUID userId) {
		return new HashSet<>(jdbc.sql("""
				select distinct email ->> 'address' from contact c
				cross join lateral jsonb_array_elements(c.emails) email
				where c.team_id = :team and (c.visibility = 'TEAM' or c.owner_id = :user)
				""")
			.param("team", teamId)
			.param("user", userId)
			.query(String.class)
			.list()
			.stream()
			.map(ContactKeys::email)
			.toList());
	}

	/** Which of {@code ids} are the team's contacts {@code userId} can see. */
	public Set<UUID> visibleIds(UUID teamId, UUID userId, Collection<UUID> ids) {
		return new HashSet<>(jdbc.sql("""
				select id from contact
				where team_id = :team and (visibility = 'TEAM' or owner_id = :user) and id = any(:ids)
				""")
			.param("team", teamId)
			.param("user", userId)
			.param("ids", ids.toArray(UUID[]::new))
			.query(UUID.class)
			.list());
	}

	/** A keyset page (by display name, then id) of the contacts {@code userId} can see, with {@code tag} if given. */
	public List<Contact> visiblePage(UUID teamId, UUID userId, String tag, Contact after, int limit) {
		return jdbc.sql("select " + COLUMNS + """
				 from contact
				where team_id = :team and (visibility = 'TEAM' or owner_id = :user)
				  and (cast(:tag as text) is null or :tag = any(tags))
				  and (cast(:afterName as text) is null or (display_name, id) > (:afterName, :afterId))
				order by display_name, id
				limit :limit
				""")
			.param("team", teamId)
			.param("user", userId)
			.param("tag", tag)
			.param("afterName", after == null ? null : after.displayName())
			.param("afterId", after == null ? null : after.id())
			.param("limit", limit)
			.query(rows)
			.list();
	}

	/** Runs a search query built by {@code ContactSearch} and maps its rows. */
	public List<Contact> query(String whereAndOrder, Map<String, Object> params, int limit, long offset) {
		return jdbc.sql("select " + COLUMNS + " from contact c " + whereAndOrder + " limit :limit offset :offset")
			.params(params)
			.param("limit", limit)
			.param("offset", offset)
			.query(rows)
			.list();
	}

	/** Counts matches, stopping at {@code limit}: the caller decides what a capped count means. */
	/**
	 * After five runs of a prepared statement PostgreSQL may keep a generic plan, made without the search terms: for
	 * {@code like '%term%'} it cannot tell a rare word (trigram index) from a common one, and scans the team's rows
	 * (~100 ms at 100,000 contacts instead of ~6). Within the search's transaction, plan every run for its values.
	 */
	public void planEachSearchForItsTerms() {
		jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
	}

	public long count(String where, Map<String, Object> params, int limit) {
		return jdbc.sql("select count(*) from (select 1 from contact c " + where + " limit :countLimit) matches")
			.params(params)
			.param("countLimit", limit)
			.query(Long.class)
			.single();
	}

	private Map<String, Object> params(Contact c) {
		Map<String, Object> p = new HashMap<>();
		p.put("id", c.id());
		p.put("team", c.teamId());
		p.put("owner", c.ownerId());
		p.put("displayName", c.displayName());
		p.put("givenName", c.givenName());
		p.put("familyName", c.familyName());
		p.put("emails", json.writeValueAsString(c.emails()));
		p.put("phones", json.writeValueAsString(c.phones()));
		p.put("company", c.company());
		p.put("title", c.title());
		p.put("location", c.location());
		HowWeMet met = c.howWeMet();
		p.put("metPlace", met == null ? null : met.place());
		p.put("metOn", met == null ? null : met.date());
		p.put("introducedBy", met == null ? null : met.introducedBy());
		p.put("metNote", met == null ? null : met.note());
		p.put("tags", c.tags().toArray(String[]::new));
		p.put("interests", c.interests().toArray(String[]::new));
		p.put("context", c.context());
		p.put("importantDates", json.writeValueAsString(c.importantDates()));
		p.put("cadenceTier", c.cadence() == null || c.cadence().tier() == null ? null : c.cadence().tier().name());
		p.put("cadenceDays", c.cadence() == null ? null : c.cadence().days());
		p.put("visibility", c.visibility().name());
		p.put("archived", c.archived());
		p.put("createdAt", Timestamp.from(c.createdAt()));
		p.put("updatedAt", Timestamp.from(c.updatedAt()));
		p.put("version", c.version());
		p.put("searchText", searchText(c));
		return p;
	}

	/** Everything search matches on, lower-cased, in one string. */
	static String searchText(Contact c) {
		return Stream
			.of(Stream.of(c.displayName(), c.givenName(), c.familyName(), c.company(), c.title(), c.location(),
					c.context()), c.emails().stream().map(EmailAddress::address), c.tags().stream(),
					c.interests().stream())
			.flatMap(s -> s)
			.filter(s -> s != null && !s.isBlank())
			.map(s -> s.toLowerCase(Locale.ROOT))
			.reduce((a, b) -> a + " " + b)
			.orElse("");
	}

	private Contact map(ResultSet rs, int row) throws SQLException {
		String metPlace = rs.getString("met_place");
		java.sql.Date metOn = rs.getDate("met_on");
		UUID introducedBy = rs.getObject("introduced_by", UUID.class);
		String metNote = rs.getString("met_note");
		HowWeMet howWeMet = metPlace == null && metOn == null && introducedBy == null && metNote == null ? null
				: new HowWeMet(metPlace, metOn == null ? null : metOn.toLocalDate(), introducedBy, metNote);
		String tier = rs.getString("cadence_tier");
		int days = rs.getInt("cadence_days");
		CadenceView cadence = rs.wasNull() ? null : new CadenceView(tier == null ? null : Tier.valueOf(tier), days);
		return new Contact(rs.getObject("id", UUID.class), rs.getObject("team_id", UUID.class),
				rs.getObject("owner_id", UUID.class), rs.getString("display_name"), rs.getString("given_name"),
				rs.getString("family_name"), json.readValue(rs.getString("emails"), EMAILS),
				json.readValue(rs.getString("phones"), PHONES), rs.getString("company"), rs.getString("title"),
				rs.getString("location"), howWeMet, strings(rs.getArray("tags")), strings(rs.getArray("interests")),
				rs.getString("context"), json.readValue(rs.getString("important_dates"), DATES), cadence,
				Visibility.valueOf(rs.getString("visibility")), rs.getBoolean("archived"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				rs.getLong("version"));
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
	}

}
