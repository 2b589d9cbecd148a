package dev.rapport.gateway.oidc;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.stereotype.Component;

import dev.rapport.gateway.member.Members;
import dev.rapport.gateway.member.RapportAuthentication;
import dev.rapport.gateway.member.RapportPrincipal;
import dev.rapport.gateway.member.RapportUser;

/** Maps a provider's user (OIDC login, or a bearer JWT) to the Rapport member with the same email. */
@Component
public class OidcMembers {

	private final OidcProperties properties;

	private final Members members;

	OidcMembers(OidcProperties properties, Members members) {
		this.properties = properties;
		this.members = members;
	}

	public boolean bearerJwtEnabled() {
		return properties.bearerJwtEnabled();
	}

	public ReactiveJwtDecoder jwtDecoder() {
		NimbusReactiveJwtDecoder decoder = properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()
				? NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build()
				: (NimbusReactiveJwtDecoder) ReactiveJwtDecoders.fromIssuerLocation(properties.issuerUri());
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(properties.issuerUri() != null && !properties.issuerUri().isBlank()
				? JwtValidators.createDefaultWithIssuer(properties.issuerUri()) : JwtValidators.createDefault());
		if (properties.audience() != null && !properties.audience().isBlank()) {
			validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
					aud -> aud != null && aud.contains(properties.audience())));
		}
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		return decoder;
	}

	/** A provider's bearer JWT: the member with its email, or 401. */
	public Mono<AbstractAuthenticationToken> authenticate(Jwt jwt) {
		String email = jwt.getClaimAsString(properties.emailClaim());
		if (email == null || Boolean.FALSE.equals(jwt.getClaimAsBoolean("email_verified"))) {
			return Mono.error(new BadCredentialsException("The provider's token has no verified email"));
		}
		return members.memberByEmail(email)
			.map(member -> (AbstractAuthenticationToken) new RapportAuthentication(member.user(null)))
			.switchIfEmpty(Mono.error(() -> new BadCredentialsException("No Rapport member has this email")));
	}

	/** OIDC login: the provider's user becomes the member with the same verified email, or the login fails. */
	@org.springframework.context.annotation.Bean
	ReactiveOAuth2UserService<OidcUserRequest, OidcUser> oidcUserService() {
		OidcReactiveOAuth2UserService delegate = new OidcReactiveOAuth2UserService();
		return request -> delegate.loadUser(request).flatMap(user -> {
			if (user.getEmail() == null || Boolean.FALSE.equals(user.getEmailVerified())) {
				return Mono.error(new OAuth2AuthenticationException(
						new OAuth2Error("access_denied", "The provider gave no verified email", null)));
			}
			return members.memberByEmail(user.getEmail())
				.map(member -> (OidcUser) new MemberOidcUser(user, member.user(null)))
				.switchIfEmpty(Mono.error(() -> new OAuth2AuthenticationException(new OAuth2Error("access_denied",
						"No Rapport member has this email: ask your team admin to add you", null))));
		});
	}

	/** The provider's user, carrying the member it maps to. */
	static final class MemberOidcUser extends DefaultOidcUser implements RapportPrincipal {

		private static final long serialVersionUID = 1L;

		private final RapportUser user;

		MemberOidcUser(OidcUser provider, RapportUser user) {
			super(RapportAuthentication.authorities(user), provider.getIdToken(), provider.getUserInfo());
			this.user = user;
		}

		@Override
		public RapportUser user() {
			return user;
		}

	}

}
