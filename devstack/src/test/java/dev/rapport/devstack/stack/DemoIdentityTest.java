package dev.rapport.devstack.stack;

import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DemoIdentityTest {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

	@TempDir
	Path root;

	@Test
	void thereIsNoneBeforeTheFirstUp() {
		assertThat(DemoIdentity.load(new DataDir(root))).isEmpty();
	}

	@Test
	void isCreatedOnceAndThenKept() {
		DataDir dataDir = new DataDir(root);

		DemoIdentity first = DemoIdentity.loadOrCreate(dataDir);
		DemoIdentity second = DemoIdentity.loadOrCreate(dataDir);

		assertThat(second.teamId()).isEqualTo(first.teamId());
		assertThat(second.userId()).isEqualTo(first.userId());
		assertThat(second.keys().getPublic()).isEqualTo(first.keys().getPublic());
		assertThat(root.resolve("keys/jwt-private.pem")).exists();
		assertThat(first.publicKeyPem()).isEqualTo(root.resolve("keys/jwt-public.pem"));
		assertThat(root.resolve("demo.properties")).content().contains("demo.team.id=" + first.teamId());
	}

	@Test
	void signsTokensThatTheServicesAccept() throws Exception {
		DemoIdentity identity = DemoIdentity.loadOrCreate(new DataDir(root));

		SignedJWT token = SignedJWT.parse(identity.demoToken(CLOCK));

		assertThat(token.verify(new RSASSAVerifier((RSAPublicKey) identity.keys().getPublic()))).isTrue();
		assertThat(token.getHeader().getKeyID()).isEqualTo("devstack-1");
		assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo(identity.userId().toString());
		assertThat(token.getJWTClaimsSet().getClaims()).containsEntry("team", identity.teamId().toString())
			.containsEntry("iss", "rapport");
		assertThat(token.getJWTClaimsSet().getAudience()).containsExactly("rapport-api");
		assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("admin");
		assertThat(token.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(CLOCK.instant().plus(Duration.ofHours(12)));
	}

	@Test
	void signsForAnotherTeamWhenAsked() throws Exception {
		DemoIdentity identity = DemoIdentity.loadOrCreate(new DataDir(root));
		UUID otherTeam = UUID.randomUUID();

		SignedJWT token = SignedJWT.parse(identity.token(identity.userId(), otherTeam, Set.of("member"),
				Duration.ofMinutes(5), CLOCK));

		assertThat(token.getJWTClaimsSet().getClaims()).containsAllEntriesOf(Map.of("team", otherTeam.toString()));
		assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("member");
	}

}
