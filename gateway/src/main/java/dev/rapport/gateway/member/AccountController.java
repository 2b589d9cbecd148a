package dev.rapport.gateway.member;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in member: who they are. Their password ({@code session}'s PasswordController) and personal access
 * tokens ({@code token}'s TokenController) are under the same path.
 */
@RestController
@RequestMapping("/api/me")
class AccountController {

	private final Members members;

	AccountController(Members members) {
		this.members = members;
	}

	record MemberView(UUID id, UUID teamId, String email, String displayName, Set<String> roles, Instant createdAt) {

		static MemberView of(Member member) {
			return new MemberView(member.id(), member.teamId(), member.email(), member.displayName(), member.roles(),
					member.createdAt());
		}

	}

	@GetMapping
	Mono<MemberView> me(Authentication authentication) {
		return members.me(RapportAuthentication.callerOf(authentication)).map(MemberView::of);
	}

}
