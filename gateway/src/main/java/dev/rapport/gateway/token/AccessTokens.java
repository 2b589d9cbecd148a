package dev.rapport.gateway.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Teams, members and personal access tokens: the rules (who may do what) over {@link IdentityStore}, as reactive
 * calls whose JDBC work runs on a worker pool.
 */
@Service
public class Identities {

	private static final Logger log = LoggerFactory.getLogger(Identities.class);

	private final IdentityStore store;

	private final PasswordEncoder passwords;

	private final TransactionTemplate transactions;

	private final Clock clock;

	/** How long a working access token is trusted without asking the database again. */
	static final Duration RECENT_TOKENS = Duration.ofSeconds(10);

	private static final int MAX_RECENT_TOKENS = 10_000;

	private final Map<String, RecentToken> recentTokens = new ConcurrentHashMap<>();

	private record RecentToken(RapportUser user, Instant until) {
	}

	/** Members as sessions were lately checked against them, until when that holds. */
	private final Map<UUID, CheckedMember> checkedMembers = new ConcurrentHashMap<>();

	private record CheckedMember(UUID teamId, Set<String> roles, Instant credentialsChangedAt, Instant until) {
	}

	Identities(IdentityStore store, PasswordEncoder passwords, TransactionTemplate transactions, Clock clock) {
		this.store = store;
		this.passwords = passwords;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** A new personal access token; the secret is in the answer and nowhere else. */
	public record CreatedToken(AccessToken token, String secret) {
	}

	/** A new member; {@code temporaryPassword} is set when the admin gave none, to be passed on to them. */
	public record AddedMember(Member member, String temporaryPassword) {
	}

	public record NewMember(String email, String displayName, String password, boolean admin) {
	}

	public record CreatedTeam(Team team, AddedMember admin) {
	}

	/** The first start of a deployment: a team and its admin, who is also the operator. Does nothing later. */
	void bootstrap(IdentityProperties.Bootstrap bootstrap) {
		transactions.executeWithoutResult(status -> {
			if (store.anyMember()) {
				return;
			}
			Instant now = now();
			Team team = new Team(bootstrap.teamId() != null ? bootstrap.teamId() : UUID.randomUUID(),
					bootstrap.teamName(), now);
			store.insert(team);
			String password = bootstrap.adminPassword();
			if (password == null || password.isBlank()) {
				password = AccessTokenSecrets.temporaryPassword();
				log.warn("Created the first admin {} with the generated password {} (set RAPPORT_BOOTSTRAP_ADMIN_PASSWORD "
						+ "to choose one); it is not shown again", bootstrap.adminEmail(), password);
			}
			store.insert(new Member(bootstrap.adminId() != null ? bootstrap.adminId() : UUID.randomUUID(), team.id(),
					bootstrap.adminEmail(), bootstrap.adminName(), passwords.encode(password),
					Set.of(Member.ADMIN, Member.OPERATOR), now, null));
			log.info("Created team {} ({}) and its admin {}", team.name(), team.id(), bootstrap.adminEmail());
		});
	}

	Mono<Member> memberByEmail(String email) {
		return blocking(() -> store.memberByEmail(email).orElse(null));
	}

	Mono<Void> updatePassword(UUID memberId, String hash) {
		return blocking(() -> {
			store.updatePasswordHash(memberId, hash);
			return null;
		}).then();
	}

	/**
	 * The caller behind a personal access token, or empty when it is unknown, revoked or expired. A token that worked
	 * is remembered for {@link #RECENT_TOKENS} (two queries saved on each request of a busy client); revoking it or
	 * removing its member forgets it here at once, and other gateway instances within that time.
	 */
	Mono<RapportUser> authenticate(String secret) {
		byte[] hash = AccessTokenSecrets.hash(secret);
		String key = HexFormat.of().formatHex(hash);
		Instant now = now();
		RecentToken recent = recentTokens.get(key);
		if (recent != null && recent.until().isAfter(now)) {
			return Mono.just(recent.user());
		}
		return blocking(() -> store.tokenByHash(hash)
			.filter(found -> found.token().usableAt(now))
			.map(found -> {
				store.touch(found.token().id(), now);
				Instant expires = found.token().expiresAt();
				Instant until = expires != null && expires.isBefore(now.plus(RECENT_TOKENS)) ? expires
						: now.plus(RECENT_TOKENS);
				RapportUser user = found.member().user(found.token().id());
				if (recentTokens.size() > MAX_RECENT_TOKENS) {
					recentTokens.clear();
				}
				recentTokens.put(key, new RecentToken(user, until));
				return user;
			})
			.orElse(null));
	}

	/**
	 * A member sets a password of their own (after the temporary one an admin passed on, say). The current password
	 * must match, so a session or token someone else got hold of cannot lock its owner out. Their other sessions end
	 * (signed in before the change); their access tokens keep working. Answers the time of the change.
	 */
	public Mono<Instant> changePassword(RapportUser caller, String currentPassword, String newPassword) {
		return blocking(() -> {
			Member member = store.member(caller.userId()).orElseThrow(() -> IdentityProblems.notFound("Member"));
			if (member.passwordHash() == null || !passwords.matches(currentPassword, member.passwordHash())) {
				throw IdentityProblems.invalid("currentPassword", "is not your current password");
			}
			if (newPassword.equals(currentPassword)) {
				throw IdentityProblems.invalid("newPassword", "must differ from the current password");
			}
			Instant changedAt = now();
			store.changePassword(member.id(), passwords.encode(newPassword), changedAt);
			forget(member.id()); // one statement, committed already
			log.info("Member {} changed their password", member.id());
			return changedAt;
		});
	}

	/**
	 * Whether a session that signed {@code user} in at {@code signedInAt} (null: unknown) still stands: the member is
	 * still one, with the same team and roles, and has not changed their password since. The member is read again
	 * after {@link #RECENT_TOKENS}, like access tokens: removing a member, changing their role or their password ends
	 * their sessions at once on this instance, and within that time on others.
	 */
	Mono<Boolean> sessionStands(RapportUser user, Instant signedInAt) {
		Instant now = now();
		CheckedMember checked = checkedMembers.get(user.userId());
		Mono<CheckedMember> current = checked != null && checked.until().isAfter(now) ? Mono.just(checked)
				: blocking(() -> store.member(user.userId()).map(member -> {
					CheckedMember fresh = new CheckedMember(member.teamId(), member.roles(),
							member.credentialsChangedAt(), now.plus(RECENT_TOKENS));
					if (checkedMembers.size() > MAX_RECENT_TOKENS) {
						checkedMembers.clear();
					}
					checkedMembers.put(member.id(), fresh);
					return fresh;
				}).orElse(null));
		return current.map(member -> member.teamId().equals(user.teamId()) && member.roles().equals(user.roles())
				&& (member.credentialsChangedAt() == null
						|| (signedInAt != null && !member.credentialsChangedAt().isAfter(signedInAt))))
			.defaultIfEmpty(false);
	}

	public Mono<Member> me(RapportUser caller) {
		return blocking(() -> store.member(caller.userId()).orElseThrow(() -> IdentityProblems.notFound("Member")));
	}

	public Mono<CreatedToken> createToken(RapportUser caller, String name, Integer expiresInDays) {
		return blocking(() -> {
			Instant now = now();
			String secret = AccessTokenSecrets.generate();
			AccessToken token = new AccessToken(UUID.randomUUID(), caller.userId(), name.strip(),
					AccessTokenSecrets.displayPrefix(secret), now,
					expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays)), null, null);
			store.insert(token, AccessTokenSecrets.hash(secret));
			log.info("Member {} created access token {}", caller.userId(), token.id());
			return new CreatedToken(token, secret);
		});
	}

	public Mono<List<AccessToken>> tokens(RapportUser caller) {
		return blocking(() -> store.tokens(caller.userId()));
	}

	/** Revokes one of the caller's tokens; someone else's is "not found". Revoking twice is fine. */
	public Mono<Void> revokeToken(RapportUser caller, UUID tokenId) {
		return blocking(() -> {
			store.token(caller.userId(), tokenId).orElseThrow(() -> IdentityProblems.notFound("Access token"));
			store.revoke(tokenId, now());
			recentTokens.values().removeIf(recent -> tokenId.equals(recent.user().accessTokenId()));
			log.info("Member {} revoked access token {}", caller.userId(), tokenId);
			return null;
		}).then();
	}

	public Mono<List<Member>> members(RapportUser caller) {
		return blocking(() -> store.members(caller.teamId()));
	}

	public Mono<AddedMember> addMember(RapportUser admin, NewMember draft) {
		requireRole(admin, Member.ADMIN, "Only a team admin adds members");
		return blocking(() -> insertMember(admin.teamId(), draft));
	}

	/** Removes a member of the caller's team and, with them, their access tokens; a team keeps at least one admin. */
	public Mono<Void> removeMember(RapportUser admin, UUID memberId) {
		requireRole(admin, Member.ADMIN, "Only a team admin removes members");
		return blocking(() -> {
			transactions.executeWithoutResult(status -> {
				int admins = store.lockAdmins(admin.teamId());
				Member member = store.memberForUpdate(memberId)
					.filter(found -> found.teamId().equals(admin.teamId()))
					.orElseThrow(() -> IdentityProblems.notFound("Member"));
				if (member.roles().contains(Member.ADMIN) && admins == 1) {
					throw IdentityProblems.conflict("A team keeps at least one admin: make someone else admin first");
				}
				store.deleteMember(admin.teamId(), memberId);
			});
			forget(memberId);
			log.info("Admin {} removed member {} from team {}", admin.userId(), memberId, admin.teamId());
			return null;
		}).then();
	}

	/**
	 * An admin makes a member of their team an admin, or an admin a member again; a team keeps one admin at least.
	 * The member's sessions end (they sign in again with their new role) and their tokens carry it from the next
	 * request on this instance, within {@link #RECENT_TOKENS} on others.
	 */
	public Mono<Member> changeRole(RapportUser admin, UUID memberId, boolean makeAdmin) {
		requireRole(admin, Member.ADMIN, "Only a team admin changes roles");
		return blocking(() -> {
			Member changed = transactions.execute(status -> {
				int admins = store.lockAdmins(admin.teamId());
				Member member = store.memberForUpdate(memberId)
					.filter(found -> found.teamId().equals(admin.teamId()))
					.orElseThrow(() -> IdentityProblems.notFound("Member"));
				if (!makeAdmin && member.roles().contains(Member.ADMIN) && admins == 1) {
					throw IdentityProblems.conflict("A team keeps at least one admin: make another member admin first");
				}
				Set<String> roles = new TreeSet<>(member.roles());
				if (makeAdmin) {
					roles.add(Member.ADMIN);
				}
				else {
					roles.remove(Member.ADMIN);
					roles.add(Member.MEMBER);
				}
				if (roles.equals(member.roles())) {
					return member;
				}
				store.updateRoles(memberId, roles);
				log.info("Admin {} made member {} {}", admin.userId(), memberId, makeAdmin ? "an admin" : "a member");
				return new Member(member.id(), member.teamId(), member.email(), member.displayName(),
						member.passwordHash(), roles, member.createdAt(), member.credentialsChangedAt());
			});
			forget(memberId);
			return changed;
		});
	}

	/** A member removed or changed (and committed): what this instance remembered of them goes at once. */
	private void forget(UUID memberId) {
		recentTokens.values().removeIf(recent -> memberId.equals(recent.user().userId()));
		checkedMembers.remove(memberId);
	}

	public Mono<CreatedTeam> createTeam(RapportUser operator, String name, NewMember firstAdmin) {
		requireRole(operator, Member.OPERATOR, "Only an operator creates teams");
		return blocking(() -> transactions.execute(status -> {
			Team team = new Team(UUID.randomUUID(), name.strip(), now());
			store.insert(team);
			AddedMember admin = insertMember(team.id(), new NewMember(firstAdmin.email(), firstAdmin.displayName(),
					firstAdmin.password(), true));
			log.info("Operator {} created team {} with admin {}", operator.userId(), team.id(), admin.member().id());
			return new CreatedTeam(team, admin);
		}));
	}

	public Mono<List<Team>> teams(RapportUser operator) {
		requireRole(operator, Member.OPERATOR, "Only an operator lists teams");
		return blocking(store::teams);
	}

	private AddedMember insertMember(UUID teamId, NewMember draft) {
		String temporary = draft.password() == null ? AccessTokenSecrets.temporaryPassword() : null;
		Member member = new Member(UUID.randomUUID(), teamId, draft.email().strip(), draft.displayName().strip(),
				passwords.encode(temporary != null ? temporary : draft.password()),
				draft.admin() ? Set.of(Member.ADMIN, Member.MEMBER) : Set.of(Member.MEMBER), now(), null);
		try {
			store.insert(member);
		}
		catch (DuplicateKeyException ex) {
			throw IdentityProblems.conflict("A member with this email already exists");
		}
		return new AddedMember(member, temporary);
	}

	private static void requireRole(RapportUser caller, String role, String detail) {
		if (!caller.hasRole(role)) {
			throw IdentityProblems.forbidden(detail);
		}
	}

	/** PostgreSQL keeps microseconds: so does every answer, so a read returns what the write did. */
	Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static <T> Mono<T> blocking(Callable<T> call) {
		return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
	}

}
