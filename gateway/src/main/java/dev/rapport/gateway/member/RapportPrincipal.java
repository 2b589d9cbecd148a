package dev.rapport.gateway.member;

/** Implemented by the principals of session logins (password, OIDC), so every sign-in leads to one {@link RapportUser}. */
public interface RapportPrincipal {

	RapportUser user();

}
