package dev.rapport.gateway.session;

import reactor.core.publisher.Mono;

import org.springframework.security.core.userdetails.ReactiveUserDetailsPasswordService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;

import dev.rapport.gateway.member.Members;

/**
 * Members for form login; a member without a password (OIDC only) cannot sign in this way. Hashes in an older
 * encoding are upgraded to the current one (Argon2id) on the next successful sign-in.
 */
@Component
public class MemberDetailsService implements ReactiveUserDetailsService, ReactiveUserDetailsPasswordService {

	private final Members members;

	MemberDetailsService(Members members) {
		this.members = members;
	}

	@Override
	public Mono<UserDetails> findByUsername(String email) {
		return members.memberByEmail(email)
			.filter(member -> member.passwordHash() != null)
			.map(MemberDetails::new);
	}

	@Override
	public Mono<UserDetails> updatePassword(UserDetails user, String newPasswordHash) {
		MemberDetails member = (MemberDetails) user;
		return members.updatePassword(member.user().userId(), newPasswordHash).thenReturn(user);
	}

}
