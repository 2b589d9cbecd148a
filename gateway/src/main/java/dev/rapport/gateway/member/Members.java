package dev.rapport.gateway.member;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.gateway.problem.ApiProblems;

/**
 * Teams and members: the rules (who may do what) over {@link MemberStore}, as reactive calls whose JDBC work runs on
 * a worker pool. Every committed change to a member is announced ({@link MemberChanged}), so what other features
 * remember of them goes at once; every change of who a member is (joined, roles, removed) also publishes their state
 * on Kafka ({@link MemberStates}) in the transaction that makes it.
 */
@Service
public class Members {

	private static final Logger log = LoggerFactory.getLogger(Members.class);

	private final MemberStore store;

	private final PasswordEncoder passwords;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final MemberStates states;

	private final Clock clock;

	Members(MemberStore store, PasswordEncoder passwords, TransactionTemplate transactions,
			ApplicationEventPublisher events, MemberStates states, Clock clock) {
		this.store = store;
		this.passwords = passwords;
		this.transactions = transactions;
		this.events = events;
		this.states = states;
		this.clock = clock;
	}

	/** A new member; {@code temporaryPassword} is set when the admin gave none, to be passed on to them. */
	public record AddedMember(Member member, String temporaryPassword) {
	}

	public record NewMember(String email, String displayName, String password, boolean admin) {
	}

	public record CreatedTeam(Team team, AddedMember admin) {
	}

	/** The first start of a deployment: a team and its admin, who is also the operator. Does nothing later. */
	void bootstrap(BootstrapProperties bootstrap) {
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
				password = TemporaryPasswords.generate();
				log.warn("Created the first admin {} with the generated password {} (set RAPPORT_BOOTSTRAP_ADMIN_PASSWORD "
						+ "to choose one); it is not shown again", bootstrap.adminEmail(), password);
			}
			Member admin = new Member(bootstrap.adminId() != null ? bootstrap.adminId() : UUID.randomUUID(), team.id(),
					bootstrap.adminEmail(), bootstrap.adminName(), passwords.encode(password),
					Set.of(Member.ADMIN, Member.OPERATOR), now, null);
			store.insert(admin);
			states.published(admin, now);
			log.info("Created team {} ({}) and its admin {}", team.name(), team.id(), bootstrap.adminEmail());
		});
	}

	public Mono<Member> memberByEmail(String email) {
		return blocking(() -> store.memberByEmail(email).orElse(null));
	}

	/** The member as they are now. Blocking: for callers already on a worker. */
	public Optional<Member> find(UUID memberId) {
		return store.member(memberId);
	}

	/** The same password, hashed anew (an older hash upgraded at sign-in): sessions are not affected. */
	public Mono<Void> updatePassword(UUID memberId, String hash) {
		return blocking(() -> {
			store.updatePasswordHash(memberId, hash);
			return null;
		}).then();
	}

	/**
	 * A member sets a password of their own (after the temporary one an admin passed on, say). The current password
	 * must match, so a session or token someone else got hold of cannot lock its owner out. Their other sessions end
	 * (signed in before the change); their access tokens keep working. Answers the time of the change.
	 */
	public Mono<Instant> changePassword(RapportUser caller, String currentPassword, String newPassword) {
		return blocking(() -> {
			Member member = store.member(caller.userId()).orElseThrow(() -> ApiProblems.notFound("Member"));
			if (member.passwordHash() == null || !passwords.matches(currentPassword, member.passwordHash())) {
				throw ApiProblems.invalid("currentPassword", "is not your current password");
			}
			if (newPassword.equals(currentPassword)) {
				throw ApiProblems.invalid("newPassword", "must differ from the current password");
			}
			Instant changedAt = now();
			store.changePassword(member.id(), passwords.encode(newPassword), changedAt);
			changed(member.id()); // one statement, committed already
			log.info("Member {} changed their password", member.id());
			return changedAt;
		});
	}

	public Mono<Member> me(RapportUser caller) {
		return blocking(() -> store.member(caller.userId()).orElseThrow(() -> ApiProblems.notFound("Member")));
	}

	public Mono<List<Member>> members(RapportUser caller) {
		return blocking(() -> store.members(caller.teamId()));
	}

	public Mono<AddedMember> addMember(RapportUser admin, NewMember draft) {
		requireRole(admin, Member.ADMIN, "Only a team admin adds members");
		return blocking(() -> transactions.execute(status -> insertMember(admin.teamId(), draft)));
	}

	/** Removes a member of the caller's team and, with them, their access tokens; a team keeps at least one admin. */
	public Mono<Void> removeMember(RapportUser admin, UUID memberId) {
		requireRole(admin, Member.ADMIN, "Only a team admin removes members");
		return blocking(() -> {
			transactions.executeWithoutResult(status -> {
				int admins = store.lockAdmins(admin.teamId());
				Member member = store.memberForUpdate(memberId)
					.filter(found -> found.teamId().equals(admin.teamId()))
					.orElseThrow(() -> ApiProblems.notFound("Member"));
				if (member.roles().contains(Member.ADMIN) && admins == 1) {
					throw ApiProblems.conflict("A team keeps at least one admin: make someone else admin first");
				}
				store.deleteMember(admin.teamId(), memberId);
				states.removed(memberId);
			});
			changed(memberId);
			log.info("Admin {} removed member {} from team {}", admin.userId(), memberId, admin.teamId());
			return null;
		}).then();
	}

	/**
	 * An admin makes a member of their team an admin, or an admin a member again; a team keeps one admin at least.
	 * The member's sessions end (they sign in again with their new role) and their tokens carry it from the next
	 * request on this instance, within ten seconds on others.
	 */
	public Mono<Member> changeRole(RapportUser admin, UUID memberId, boolean makeAdmin) {
		requireRole(admin, Member.ADMIN, "Only a team admin changes roles");
		return blocking(() -> {
			Member changed = transactions.execute(status -> {
				int admins = store.lockAdmins(admin.teamId());
				Member member = store.memberForUpdate(memberId)
					.filter(found -> found.teamId().equals(admin.teamId()))
					.orElseThrow(() -> ApiProblems.notFound("Member"));
				if (!makeAdmin && member.roles().contains(Member.ADMIN) && admins == 1) {
					throw ApiProblems.conflict("A team keeps at least one admin: make another member admin first");
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
				Member updated = new Member(member.id(), member.teamId(), member.email(), member.displayName(),
						member.passwordHash(), roles, member.createdAt(), member.credentialsChangedAt());
				states.published(updated, now());
				log.info("Admin {} made member {} {}", admin.userId(), memberId, makeAdmin ? "an admin" : "a member");
				return updated;
			});
			changed(memberId);
			return changed;
		});
	}

	/** A member removed or changed (and committed): what this instance remembered of them goes at once. */
	private void changed(UUID memberId) {
		events.publishEvent(new MemberChanged(memberId));
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

	/** In the caller's transaction, which the member's state is published in. */
	private AddedMember insertMember(UUID teamId, NewMember draft) {
		String temporary = draft.password() == null ? TemporaryPasswords.generate() : null;
		Member member = new Member(UUID.randomUUID(), teamId, draft.email().strip(), draft.displayName().strip(),
				passwords.encode(temporary != null ? temporary : draft.password()),
				draft.admin() ? Set.of(Member.ADMIN, Member.MEMBER) : Set.of(Member.MEMBER), now(), null);
		try {
			store.insert(member);
		}
		catch (DuplicateKeyException ex) {
			throw ApiProblems.conflict("A member with this email already exists");
		}
		states.published(member, member.createdAt());
		return new AddedMember(member, temporary);
	}

	private static void requireRole(RapportUser caller, String role, String detail) {
		if (!caller.hasRole(role)) {
			throw ApiProblems.forbidden(detail);
		}
	}

	/** Publishes the members never published (from before the gateway published them): {@link MemberStates#backfill}. */
	int publishUnpublishedMembers() {
		return states.backfill(now());
	}

	/** PostgreSQL keeps microseconds: so does every answer, so a read returns what the write did. */
	public Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static <T> Mono<T> blocking(Callable<T> call) {
		return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
	}

}
