package dev.rapport.gateway.member;

import java.util.Collection;
import java.util.Optional;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.rapport.gateway.problem.ApiProblems;

/**
 * An authenticated Rapport caller, whichever way they proved it. Authorities are {@code ROLE_<role>}, so
 * {@code hasRole("operator")} works in security rules.
 */
public class RapportAuthentication extends AbstractAuthenticationToken {

	private final RapportUser user;

	public RapportAuthentication(RapportUser user) {
		super(authorities(user));
		this.user = user;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public RapportUser getPrincipal() {
		return user;
	}

	@Override
	public String getName() {
		return user.userId().toString();
	}

	public static Collection<GrantedAuthority> authorities(RapportUser user) {
		return user.roles().stream().map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
	}

	/** The caller behind any authentication this gateway creates: token, session (form login) or OIDC. */
	public static Optional<RapportUser> userOf(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return Optional.empty();
		}
		if (authentication.getPrincipal() instanceof RapportUser user) {
			return Optional.of(user);
		}
		if (authentication.getPrincipal() instanceof RapportPrincipal principal) {
			return Optional.of(principal.user());
		}
		return Optional.empty();
	}

	/** The caller of a request security let through as signed in; 403 for anyone else. */
	public static RapportUser callerOf(Authentication authentication) {
		return userOf(authentication)
			.orElseThrow(() -> ApiProblems.forbidden("Not signed in as a Rapport member"));
	}

}
