package dev.rapport.gateway.member;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.gateway.member.AccountController.MemberView;

import static dev.rapport.gateway.member.RapportAuthentication.callerOf;

/**
 * Teams and their members. Any member lists their own team; its admins add and remove members and change their
 * roles; an operator creates teams, each with its first admin. Another team's member is "not found".
 */
@RestController
class TeamController {

	private final Members members;

	TeamController(Members members) {
		this.members = members;
	}

	enum Role {

		ADMIN, MEMBER

	}

	/** {@code password} may be left out: then a temporary one is generated and shown once, for the admin to pass on. */
	record NewMember(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 100) String displayName,
			@Size(min = 12, max = 200) String password, Role role) {

		Members.NewMember draft() {
			return new Members.NewMember(email, displayName, password, role == Role.ADMIN);
		}

	}

	record AddedMemberView(MemberView member, String temporaryPassword) {

		static AddedMemberView of(Members.AddedMember added) {
			return new AddedMemberView(MemberView.of(added.member()), added.temporaryPassword());
		}

	}

	record RoleChange(@NotNull Role role) {
	}

	record NewTeam(@NotBlank @Size(max = 100) String name, @NotNull @Valid NewMember admin) {
	}

	record TeamView(UUID id, String name, Instant createdAt) {

		static TeamView of(Team team) {
			return new TeamView(team.id(), team.name(), team.createdAt());
		}

	}

	record CreatedTeamView(TeamView team, AddedMemberView admin) {
	}

	@GetMapping("/api/team/members")
	Mono<List<MemberView>> members(Authentication authentication) {
		return members.members(callerOf(authentication))
			.map(list -> list.stream().map(MemberView::of).toList());
	}

	@PostMapping("/api/team/members")
	Mono<ResponseEntity<AddedMemberView>> add(Authentication authentication, @Valid @RequestBody NewMember request) {
		return members.addMember(callerOf(authentication), request.draft())
			.map(added -> ResponseEntity.created(URI.create("/api/team/members/" + added.member().id()))
				.body(AddedMemberView.of(added)));
	}

	/** ADMIN or MEMBER; the member signs in again to use it. 409 for the team's last admin becoming a member. */
	@PutMapping("/api/team/members/{id}/role")
	Mono<MemberView> changeRole(Authentication authentication, @PathVariable UUID id,
			@Valid @RequestBody RoleChange request) {
		return members.changeRole(callerOf(authentication), id, request.role() == Role.ADMIN).map(MemberView::of);
	}

	@DeleteMapping("/api/team/members/{id}")
	Mono<ResponseEntity<Void>> remove(Authentication authentication, @PathVariable UUID id) {
		return members.removeMember(callerOf(authentication), id).thenReturn(ResponseEntity.noContent().build());
	}

	@PostMapping("/api/teams")
	Mono<ResponseEntity<CreatedTeamView>> createTeam(Authentication authentication,
			@Valid @RequestBody NewTeam request) {
		return members.createTeam(callerOf(authentication), request.name(), request.admin().draft())
			.map(created -> ResponseEntity.created(URI.create("/api/teams/" + created.team().id()))
				.body(new CreatedTeamView(TeamView.of(created.team()), AddedMemberView.of(created.admin()))));
	}

	@GetMapping("/api/teams")
	Mono<List<TeamView>> teams(Authentication authentication) {
		return members.teams(callerOf(authentication)).map(teams -> teams.stream().map(TeamView::of).toList());
	}

}
