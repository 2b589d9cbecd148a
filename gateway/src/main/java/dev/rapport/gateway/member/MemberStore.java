package dev.rapport.gateway.member;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Teams and members in the gateway's database. Blocking JDBC: {@link Members} runs these calls on a worker pool,
 * never on the event loop.
 */
@Repository
class MemberStore {

	private static final String MEMBER_COLUMNS = "id, team_id, email, display_name, password_hash, "
			+ "array_to_string(roles, ',') as roles, created_at, credentials_changed_at";

	private final JdbcClient jdbc;

	MemberStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean anyMember() {
		return jdbc.sql("select exists (select 1 from member)").query(Boolean.class).single();
	}

	void insert(Team team) {
		jdbc.sql("insert into team (id, name, created_at) values (:id, :name, :createdAt)")
			.param("id", team.id())
			.param("name", team.name())
			.param("createdAt", Timestamp.from(team.createdAt()))
			.update();
	}

	Optional<Team> team(UUID id) {
		return jdbc.sql("select id, name, created_at from team where id = :id")
			.param("id", id)
			.query((rs, n) -> new Team(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getTimestamp("created_at").toInstant()))
			.optional();
	}

	List<Team> teams() {
		return jdbc.sql("select id, name, created_at from team order by created_at, id")
			.query((rs, n) -> new Team(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	/** A new member, their state published in the same transaction ({@link MemberStates}). */
	void insert(Member member) {
		jdbc.sql("""
				insert into member (id, team_id, email, display_name, password_hash, roles, created_at,
				                    state_published_at)
				values (:id, :team, :email, :name, :hash, string_to_array(:roles, ','), :createdAt, :createdAt)""")
			.param("id", member.id())
			.param("team", member.teamId())
			.param("email", member.email())
			.param("name", member.displayName())
			.param("hash", member.passwordHash())
			.param("roles", String.join(",", new TreeSet<>(member.roles())))
			.param("createdAt", Timestamp.from(member.createdAt()))
			.update();
	}

	Optional<Member> memberByEmail(String email) {
		return jdbc.sql("select " + MEMBER_COLUMNS + " from member where lower(email) = lower(:email)")
			.param("email", email)
			.query(MemberStore::member)
			.optional();
	}

	Optional<Member> member(UUID id) {
		return memberById(id, "");
	}

	/** The member, locked until the transaction ends (another change to them waits for it). */
	Optional<Member> memberForUpdate(UUID id) {
		return memberById(id, " for update");
	}

	private Optional<Member> memberById(UUID id, String lock) {
		return jdbc.sql("select " + MEMBER_COLUMNS + " from member where id = :id" + lock)
			.param("id", id)
			.query(MemberStore::member)
			.optional();
	}

	List<Member> members(UUID teamId) {
		return jdbc.sql("select " + MEMBER_COLUMNS + " from member where team_id = :team order by created_at, id")
			.param("team", teamId)
			.query(MemberStore::member)
			.list();
	}

	/**
	 * The team's admins, locked until the transaction ends: two admins demoting or removing each other at once cannot
	 * both see the other one left.
	 */
	int lockAdmins(UUID teamId) {
		return jdbc.sql("select id from member where team_id = :team and 'admin' = any(roles) order by id for update")
			.param("team", teamId)
			.query(UUID.class)
			.list()
			.size();
	}

	/** New roles, the member's state published in the same transaction ({@link MemberStates}). */
	void updateRoles(UUID memberId, Set<String> roles) {
		jdbc.sql("""
				update member set roles = string_to_array(:roles, ','), state_published_at = coalesce(state_published_at, now())
				where id = :id""")
			.param("id", memberId)
			.param("roles", String.join(",", new TreeSet<>(roles)))
			.update();
	}

	boolean deleteMember(UUID teamId, UUID memberId) {
		return jdbc.sql("delete from member where id = :id and team_id = :team")
			.param("id", memberId)
			.param("team", teamId)
			.update() == 1;
	}

	/**
	 * Up to {@code limit} members whose state was never published, locked until the transaction ends; members another
	 * transaction holds are skipped (an instance backfilling beside this one, or a change that publishes them itself).
	 */
	List<Member> claimUnpublished(int limit) {
		return jdbc.sql("select " + MEMBER_COLUMNS
				+ " from member where state_published_at is null order by id limit :limit for update skip locked")
			.param("limit", limit)
			.query(MemberStore::member)
			.list();
	}

	void markStatePublished(List<UUID> memberIds, Instant at) {
		jdbc.sql("update member set state_published_at = :at where id in (:ids)")
			.param("ids", memberIds)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** A new password the member chose: sessions signed in before {@code at} end. */
	void changePassword(UUID memberId, String hash, Instant at) {
		jdbc.sql("update member set password_hash = :hash, credentials_changed_at = :at where id = :id")
			.param("id", memberId)
			.param("hash", hash)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** The same password, hashed anew (an older hash upgraded at sign-in): sessions are not affected. */
	void updatePasswordHash(UUID memberId, String hash) {
		jdbc.sql("update member set password_hash = :hash where id = :id")
			.param("id", memberId)
			.param("hash", hash)
			.update();
	}

	private static Member member(ResultSet rs, int row) throws SQLException {
		String roles = rs.getString("roles");
		return new Member(rs.getObject("id", UUID.class), rs.getObject("team_id", UUID.class), rs.getString("email"),
				rs.getString("display_name"), rs.getString("password_hash"),
				roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(roles.split(","))),
				rs.getTimestamp("created_at").toInstant(), instant(rs, "credentials_changed_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

}
