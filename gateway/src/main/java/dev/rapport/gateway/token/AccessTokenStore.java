package dev.rapport.gateway.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Personal access tokens in the gateway's database (their members are {@code member}'s). Blocking JDBC:
 * {@link AccessTokens} runs these calls on a worker pool, never on the event loop.
 */
@Repository
class AccessTokenStore {

	private static final String TOKEN_COLUMNS = "id, member_id, name, prefix, created_at, expires_at, last_used_at, "
			+ "revoked_at";

	private final JdbcClient jdbc;

	AccessTokenStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(AccessToken token, byte[] hash) {
		jdbc.sql("""
				insert into access_token (id, member_id, name, token_hash, prefix, created_at, expires_at)
				values (:id, :member, :name, :hash, :prefix, :createdAt, :expiresAt)""")
			.param("id", token.id())
			.param("member", token.memberId())
			.param("name", token.name())
			.param("hash", hash)
			.param("prefix", token.prefix())
			.param("createdAt", Timestamp.from(token.createdAt()))
			.param("expiresAt", token.expiresAt() == null ? null : Timestamp.from(token.expiresAt()))
			.update();
	}

	Optional<AccessToken> tokenByHash(byte[] hash) {
		return jdbc.sql("select " + TOKEN_COLUMNS + " from access_token where token_hash = :hash")
			.param("hash", hash)
			.query(AccessTokenStore::token)
			.optional();
	}

	List<AccessToken> tokens(UUID memberId) {
		return jdbc.sql("select " + TOKEN_COLUMNS + " from access_token where member_id = :member "
				+ "order by created_at desc, id")
			.param("member", memberId)
			.query(AccessTokenStore::token)
			.list();
	}

	Optional<AccessToken> token(UUID memberId, UUID tokenId) {
		return jdbc.sql("select " + TOKEN_COLUMNS + " from access_token where member_id = :member and id = :id")
			.param("member", memberId)
			.param("id", tokenId)
			.query(AccessTokenStore::token)
			.optional();
	}

	void revoke(UUID tokenId, Instant at) {
		jdbc.sql("update access_token set revoked_at = :at where id = :id and revoked_at is null")
			.param("id", tokenId)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** At most once a minute per token: a hot token must not turn every request into a write. */
	void touch(UUID tokenId, Instant at) {
		jdbc.sql("""
				update access_token set last_used_at = :at
				where id = :id and (last_used_at is null or last_used_at < cast(:at as timestamptz) - interval '1 minute')""")
			.param("id", tokenId)
			.param("at", Timestamp.from(at))
			.update();
	}

	private static AccessToken token(ResultSet rs, int row) throws SQLException {
		return new AccessToken(rs.getObject("id", UUID.class), rs.getObject("member_id", UUID.class),
				rs.getString("name"), rs.getString("prefix"), instant(rs, "created_at"), instant(rs, "expires_at"),
				instant(rs, "last_used_at"), instant(rs, "revoked_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

}
