package dev.rapport.gateway.session;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.rapport.gateway.member.Members;

import static dev.rapport.gateway.member.RapportAuthentication.callerOf;

/** The signed-in member changes their password: the session they do it in stays signed in, their others end. */
@RestController
class PasswordController {

	private final Members members;

	PasswordController(Members members) {
		this.members = members;
	}

	/** The same rules as a password an admin sets for a new member. */
	record PasswordChange(@NotBlank String currentPassword, @NotBlank @Size(min = 12, max = 200) String newPassword) {
	}

	/**
	 * 204 when changed; 400 naming the field when the current password is wrong or the new one too short. The member's
	 * other sessions end; this one, and their access tokens, keep working.
	 */
	@PostMapping("/api/me/password")
	Mono<ResponseEntity<Void>> changePassword(Authentication authentication, ServerWebExchange exchange,
			@Valid @RequestBody PasswordChange request) {
		return members.changePassword(callerOf(authentication), request.currentPassword(), request.newPassword())
			.flatMap(changedAt -> MemberSessions.credentialsChangedHere(exchange, changedAt))
			.thenReturn(ResponseEntity.noContent().build());
	}

}
