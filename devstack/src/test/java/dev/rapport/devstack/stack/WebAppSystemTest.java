package dev.rapport.devstack.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The web app's browser tests ({@code web/e2e/run.mjs}: Debian's Chromium through playwright-core) against the
 * system-test devstack, signed in first as its demo admin (the operator, who creates a team of the tests' own, so
 * the screenshots show its week only), with the services' dev clocks to move and a folder for the README's
 * screenshots. Node runs in the repository's {@code web/} folder, whose {@code node_modules} the web module's
 * {@code npm ci} installed earlier in the same build; its output goes to this test's log as it comes.
 * <p>
 * The other system tests share this devstack: the demo team already holds the rows the access matrix made, and the
 * clock has moved (the whole flow moves it 15 days before this runs). The clock only moves forward, for every test
 * after this one too: a browser test moves it by a span from wherever it is, never to a date.
 */
@ExtendWith(RunningDevstack.class)
@Order(4) // before create-then-log fills the demo team and the key rotation (junit-platform.properties)
class WebAppSystemTest {

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	/** Where the browser tests look for Chromium ({@code web/e2e/browser.mjs}): Debian's, unless CHROMIUM says. */
	private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

	@Test
	void theBrowserTestsPass() throws Exception {
		RunningDevstack devstack = RunningDevstack.get();
		Path web = RunningDevstack.repository().resolve("web");
		assertThat(web.resolve("node_modules"))
			.as("web/node_modules: the web module's npm ci installs it earlier in the same build (./mvnw verify), "
					+ "or run npm ci in %s", web)
			.isDirectory();
		assertThat(CHROMIUM).as("Debian's Chromium: .ci/run installs it; by hand: sudo apt-get install chromium")
			.isExecutable();
		Path screenshots = Files.createDirectories(RunningDevstack.repository().resolve("docs").resolve("screenshots"));

		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("RAPPORT_URL", devstack.gateway().toString());
		variables.put("RAPPORT_ADMIN_EMAIL", DemoIdentity.ADMIN_EMAIL);
		variables.put("RAPPORT_ADMIN_PASSWORD", devstack.identity().adminPassword());
		variables.put("RAPPORT_CLOCK_URLS", Service.ALL.stream()
			.filter(Service::hasClock)
			.map(service -> devstack.ports().managementUrl(service).toString())
			.collect(Collectors.joining(",")));
		variables.put("RAPPORT_CLOCK_TOKEN", devstack.identity().demoToken(Clock.systemUTC()));
		variables.put("RAPPORT_SCREENSHOTS", screenshots.toString());
		variables.put("RAPPORT_MAIL_URL", devstack.mailPage().toString());
		variables.put("CHROMIUM", CHROMIUM.toString());

		ProcessBuilder builder = new ProcessBuilder("node", "e2e/run.mjs").directory(web.toFile())
			.redirectErrorStream(true);
		builder.environment().clear();
		builder.environment().putAll(ChildProcess.cleanEnvironment(System.getenv(), variables));
		Process node;
		try {
			node = builder.start();
		}
		catch (IOException ex) {
			throw new AssertionError("Could not run node (Node 20 or newer, on PATH, runs the browser tests)", ex);
		}
		StringBuffer output = new StringBuffer();
		CompletableFuture<Void> streamed = CompletableFuture.runAsync(() -> stream(node, output));
		if (!node.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			List<ProcessHandle> tree = node.descendants().toList();
			node.destroyForcibly();
			tree.forEach(ProcessHandle::destroyForcibly);
			awaitTheEnd(streamed, output);
			fail("node e2e/run.mjs did not finish within %d s; stopped it and its %d child processes. It printed:%n%s",
					TIMEOUT.toSeconds(), tree.size(), output);
		}
		awaitTheEnd(streamed, output);
		assertThat(node.exitValue()).as("exit code of node e2e/run.mjs in %s; it printed:%n%s", web, output).isZero();
	}

	/** Copies the script's output, line by line, to this test's log and to {@code output}. */
	private static void stream(Process node, StringBuffer output) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				System.out.println("[e2e] " + line);
				output.append(line + System.lineSeparator());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Node's output ends when it exits, unless a process it started (a browser) outlived it and holds it open. */
	private static void awaitTheEnd(CompletableFuture<Void> streamed, StringBuffer output) throws Exception {
		try {
			streamed.get(10, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			output.append("(output still open 10 s after node ended: a process it started holds it)");
		}
	}

}
