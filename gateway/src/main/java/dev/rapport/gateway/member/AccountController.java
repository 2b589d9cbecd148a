package dev.rapport.gateway.identity;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** The signed-in member: who they are, their password, and their personal access tokens (created, listed, revoked). */
@RestController
@RequestMapping("/api/me")
class AccountController {

	private final Identities identities;

	private final Clock clock;

	AccountController(Identities identities, Clock clock) {
		this.identities = identities;
		this.clock = clock;
	}

	record MemberView(UUID id, UUID teamId, String email, String displayName, Set<String> roles, Instant createdAt) {

		static MemberView of(Member member) {
			return new MemberView(member.id(), member.teamId(), member.email(), member.displayName(), member.roles(),
					member.createdAt());
		}

	}

	record NewToken(@NotBlank @Size(max = 100) String name, @Min(1) @Max(365) Integer expiresInDays) {
	}

	enum TokenStatus {

		ACTIVE, REVOKED, EXPIRED

	}

	record TokenView(UUID id, String name, String prefix, TokenStatus status, Instant createdAt, Instant expiresAt,
			Instant lastUsedAt, Instant revokedAt) {

		static TokenView of(AccessToken token, Instant now) {
			TokenStatus status = token.revokedAt() != null ? TokenStatus.REVOKED
					: token.usableAt(now) ? TokenStatus.ACTIVE : TokenStatus.EXPIRED;
			return new TokenView(token.id(), token.name(), token.prefix(), status, token.createdAt(), token.expiresAt(),
					token.lastUsedAt(), token.revokedAt());
		}

	}

	/** The same rules as a password an admin sets for a new member. */
	record PasswordChange(@NotBlank String currentPassword, @NotBlank @Size(min = 12, max = 200) String newPassword) {
	}

	/** The one answer that holds the secret. */
	record CreatedTokenView(String token, TokenView details) {
	}

	@GetMapping
	Mono<MemberView> me(Authentication authentication) {
		return identities.me(caller(authentication)).map(MemberView::of);
	}

	/**
	 * 204 when changed; 400 naming the field when the current password is wrong or the new one too short. The member's
	 * other sessions end; this one, and their access tokens, keep working.
	 */
	@PostMapping("/password")
	Mono<ResponseEntity<Void>> changePassword(Authentication authentication, ServerWebExchange exchange,
			@Valid @RequestBody PasswordChange request) {
		return identities.changePassword(caller(authentication), request.currentPassword(), request.newPassword())
			.flatMap(changedAt -> MemberSessions.credentialsChangedHere(exchange, changedAt))
			.thenReturn(ResponseEntity.noContent().build());
	}

	@PostMapping("/tokens")
	Mono<ResponseEntity<CreatedTokenView>> createToken(Authentication authentication,
			@Valid @RequestBody NewToken request) {
		return identities.createToken(caller(authentication), request.name(), request.expiresInDays())
			.map(created -> ResponseEntity.created(URI.create("/api/me/tokens/" + created.token().id()))
				.body(new CreatedTokenView(created.secret(), TokenView.of(created.token(), clock.instant()))));
	}

	@GetMapping("/tokens")
	Mono<List<TokenView>> tokens(Authentication authentication) {
		Instant now = clock.instant();
		return identities.tokens(caller(authentication))
			.map(tokens -> tokens.stream().map(token -> TokenView.of(token, now)).toList());
	}

	@DeleteMapping("/tokens/{id}")
	Mono<ResponseEntity<Void>> revoke(Authentication authentication, @PathVariable UUID id) {
		return identities.revokeToken(caller(authentication), id).thenReturn(ResponseEntity.noContent().build());
	}

	static RapportUser caller(Authentication authentication) {
		return RapportAuthentication.userOf(authentication)
			.orElseThrow(() -> IdentityProblems.forbidden("Not signed in as a Rapport member"));
	}

}
