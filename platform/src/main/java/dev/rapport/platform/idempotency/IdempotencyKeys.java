package dev.rapport.platform.idempotency;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.Problems;

/**
 * Creates that a client can safely send again ({@code Idempotency-Key}, as in the IETF httpapi draft and Stripe's
 * API): the first request with a key claims it in the creating transaction and gets the id to create under; a
 * resend with the same key and the same request gets that id back, marked replayed, and creates nothing; the same
 * key with a different request is refused (422). A key belongs to its caller and operation; it is kept a day.
 * Concurrent sends of one key are serialised by the primary key: the second waits for the first's transaction and
 * then sees its outcome (created: replayed; rolled back, e.g. invalid: it carries the request out itself).
 */
public class IdempotencyKeys {

	public static final String HEADER = "Idempotency-Key";

	/** Response header on a resend's answer: {@code true} when nothing was created this time. */
	public static final String REPLAYED_HEADER = "Idempotent-Replayed";

	static final int MAX_LENGTH = 255;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	public IdempotencyKeys(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The id a create goes under, and whether a request with this key created it already. */
	public record Claim(UUID resourceId, boolean replayed) {
	}

	/**
	 * Claims {@code key} for {@code operation} (e.g. {@code POST /api/contacts}) by {@code caller}, inside the
	 * caller's transaction; without a key every request is a new one. {@code request} is what identifies the request
	 * (its body as read), compared by hash on a resend.
	 */
	public Claim claim(Caller caller, String operation, String key, Object request) {
		UUID fresh = UUID.randomUUID();
		if (key == null) {
			return new Claim(fresh, false);
		}
		check(key);
		String hash = hash(request);
		boolean claimed = jdbc.sql("""
				insert into idempotency_key (team_id, user_id, operation, key, request_hash, resource_id)
				values (:team, :user, :operation, :key, :hash, :id)
				on conflict do nothing
				""")
			.param("team", caller.teamId())
			.param("user", caller.userId())
			.param("operation", operation)
			.param("key", key)
			.param("hash", hash)
			.param("id", fresh)
			.update() == 1;
		if (claimed) {
			return new Claim(fresh, false);
		}
		Earlier earlier = jdbc.sql("""
				select request_hash, resource_id from idempotency_key
				where team_id = :team and user_id = :user and operation = :operation and key = :key
				""")
			.param("team", caller.teamId())
			.param("user", caller.userId())
			.param("operation", operation)
			.param("key", key)
			.query((rs, row) -> new Earlier(rs.getString("request_hash"), rs.getObject("resource_id", UUID.class)))
			.single();
		if (!earlier.hash().equals(hash)) {
			throw ApiException.of(HttpStatus.UNPROCESSABLE_CONTENT, Problems.IDEMPOTENCY_KEY_REUSED,
					"Idempotency-Key reused", "This Idempotency-Key came with a different request before; use a new "
							+ "key for a new request");
		}
		return new Claim(earlier.resourceId(), true);
	}

	private record Earlier(String hash, UUID resourceId) {
	}

	/** What a create answers: the resource, and whether an earlier request with the same key created it. */
	public record Created<T>(T resource, boolean replayed) {

		/** 201 with its location and ETag; a replay says so in {@value #REPLAYED_HEADER}. */
		public ResponseEntity<T> response(URI location, String etag) {
			ResponseEntity.BodyBuilder answer = ResponseEntity.created(location).eTag(etag);
			if (replayed) {
				answer.header(REPLAYED_HEADER, "true");
			}
			return answer.body(resource);
		}
	}

	private static void check(String key) {
		if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
			throw ApiException.invalid(HEADER,
					"must be 1 to " + MAX_LENGTH + " visible ASCII characters (a UUID is a good key)");
		}
	}

	private String hash(Object request) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
