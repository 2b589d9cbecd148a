package dev.rapport.gateway.session;

import java.util.Collection;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import dev.rapport.gateway.member.Member;
import dev.rapport.gateway.member.RapportAuthentication;
import dev.rapport.gateway.member.RapportPrincipal;
import dev.rapport.gateway.member.RapportUser;

/**
 * A member signing in with a password (form login); the session keeps it, without the hash (serialized, when sessions
 * live in Redis: a change of its fields makes sessions of the previous version unreadable).
 */
final class MemberDetails implements UserDetails, CredentialsContainer, RapportPrincipal {

	private static final long serialVersionUID = 1L;

	private final RapportUser user;

	private String passwordHash;

	MemberDetails(Member member) {
		this.user = member.user(null);
		this.passwordHash = member.passwordHash();
	}

	@Override
	public RapportUser user() {
		return user;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return RapportAuthentication.authorities(user);
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return user.email();
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}

}
