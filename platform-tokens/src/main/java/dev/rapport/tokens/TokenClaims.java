package dev.rapport.tokens;

/**
 * The claims of a platform access token beyond the registered ones: {@code sub} is the user id, these name the team
 * and the roles. The gateway signs such tokens and every service reads them; both sides use these names.
 */
public final class TokenClaims {

	public static final String TEAM = "team";

	public static final String ROLES = "roles";

	private TokenClaims() {
	}

}
