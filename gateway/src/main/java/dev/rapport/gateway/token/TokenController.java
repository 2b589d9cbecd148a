package dev.rapport.gateway.token;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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

import static dev.rapport.gateway.member.RapportAuthentication.callerOf;

/** The signed-in member's personal access tokens: created (the secret shown once), listed, revoked. */
@RestController
@RequestMapping("/api/me/tokens")
class TokenController {

	private final AccessTokens tokens;

	private final Clock clock;

	TokenController(AccessTokens tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
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

	/** The one answer that holds the secret. */
	record CreatedTokenView(String token, TokenView details) {
	}

	@PostMapping
	Mono<ResponseEntity<CreatedTokenView>> createToken(Authentication authentication,
			@Valid @RequestBody NewToken request) {
		return tokens.createToken(callerOf(authentication), request.name(), request.expiresInDays())
			.map(created -> ResponseEntity.created(URI.create("/api/me/tokens/" + created.token().id()))
				.body(new CreatedTokenView(created.secret(), TokenView.of(created.token(), clock.instant()))));
	}

	@GetMapping
	Mono<List<TokenView>> tokens(Authentication authentication) {
		Instant now = clock.instant();
		return tokens.tokens(callerOf(authentication))
			.map(list -> list.stream().map(token -> TokenView.of(token, now)).toList());
	}

	@DeleteMapping("/{id}")
	Mono<ResponseEntity<Void>> revoke(Authentication authentication, @PathVariable UUID id) {
		return tokens.revokeToken(callerOf(authentication), id).thenReturn(ResponseEntity.noContent().build());
	}

}
