package dev.rapport.devstack.stack;

import java.io.File;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole compose stack as a team runs it ({@code docker compose up --build}), wherever a Docker engine runs: the
 * images built from this tree, every healthcheck passing, the first admin signing in and creating a contact through
 * the gateway. Without a Docker engine (these machines) it does not run, and is not counted as coverage:
 * {@link DeploymentFilesSystemTest} checks there what can be checked without one.
 */
@EnabledIf("dockerAvailable")
class ComposeStackSystemTest {

	private static final String ADMIN_EMAIL = "admin@example.com";

	static boolean dockerAvailable() {
		return DockerClientFactory.instance().isDockerAvailable();
	}

	@Test
	void aTeamStartsTheWholePlatformWithDockerCompose() {
		String adminPassword = secret(18);
		Map<String, String> environment = new LinkedHashMap<>();
		for (String name : new String[] { "POSTGRES_PASSWORD", "CONTACTS_DB_PASSWORD", "INTERACTIONS_DB_PASSWORD",
				"REMINDERS_DB_PASSWORD", "GATEWAY_DB_PASSWORD" }) {
			environment.put(name, secret(18));
		}
		environment.put("RAPPORT_KEY_ENCRYPTION_KEY", secret(32));
		environment.put("RAPPORT_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
		environment.put("RAPPORT_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
		File compose = RunningDevstack.repository().resolve("docker-compose.yml").toFile();
		try (ComposeContainer stack = new ComposeContainer(compose).withEnv(environment)
			.withBuild(true)
			.withRemoveVolumes(true)
			.withExposedService("gateway", 8080,
					Wait.forHttp("/login").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(20)))) {
			stack.start();
			URI gateway = URI.create("http://" + stack.getServiceHost("gateway", 8080) + ":"
					+ stack.getServicePort("gateway", 8080));
			String token = "Bearer " + GatewayClient.signIn(gateway, ADMIN_EMAIL, adminPassword)
				.createAccessToken("compose test");
			HttpResponse<String> created = SystemHttp.send(gateway, "POST", "/api/contacts", token,
					"{\"displayName\": \"Ada Lovelace\"}", "application/json");
			assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
			assertThat(SystemHttp.send(gateway, "GET", "/actuator/prometheus", null, null, null).statusCode())
				.as("the management port is not published").isEqualTo(404);
		}
	}

	private static String secret(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return Base64.getEncoder().encodeToString(random);
	}

}
