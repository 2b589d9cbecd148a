package dev.rapport.devstack.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rapport.devstack.stack.ClockOffset;
import dev.rapport.devstack.stack.DataDir;
import dev.rapport.devstack.stack.DemoIdentity;
import dev.rapport.devstack.stack.Ports;
import dev.rapport.devstack.stack.Service;
import dev.rapport.devstack.stack.UsageException;

/**
 * {@code devstack clock}: shows and moves the dev-only clock of every running service together, so a relationship can
 * be watched cooling without waiting two weeks. The services must move as one: an interaction logged "now" on a
 * service that lags the others would look weeks old to reminders-service. The offset is kept in the data dir and
 * given to the services at their next start, so a restart does not send them back in time.
 */
public final class DevClock {

	private static final Pattern OFFSET = Pattern.compile("\"offset\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern NOW = Pattern.compile("\"now\"\\s*:\\s*\"([^\"]+)\"");

	private final DataDir dataDir;

	private final DemoIdentity identity;

	private final Ports ports;

	private final PrintStream out;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	public DevClock(DataDir dataDir, DemoIdentity identity, PrintStream out) {
		this.dataDir = dataDir;
		this.identity = identity;
		this.ports = Ports.load(dataDir);
		this.out = out;
	}

	/** Moves every running service's clock forward by {@code shift} (zero only shows them); returns the exit code. */
	public int run(Duration shift) {
		if (shift.isNegative()) {
			throw new UsageException("The clock only moves forward; --fresh resets it with the data");
		}
		String token = identity.demoToken(Clock.systemUTC());
		int failures = 0;
		Duration offset = null;
		for (Service service : Service.ALL.stream().filter(Service::hasClock).toList()) {
			try {
				String body = shift.isZero() ? get(service, token) : post(service, token, shift);
				offset = Duration.parse(group(OFFSET, body));
				out.printf("  %-22s now %s (offset %s)%n", service.module(), group(NOW, body),
						ClockOffset.describe(offset));
			}
			catch (IOException | IllegalStateException ex) {
				failures++;
				out.printf("  %-22s not reachable at %s (%s): is devstack up?%n", service.module(),
						ports.managementUrl(service), ex.getMessage());
			}
		}
		if (offset != null && !shift.isZero()) {
			ClockOffset.save(dataDir, offset);
		}
		return failures == 0 ? 0 : 1;
	}

	private String get(Service service, String token) throws IOException {
		return send(HttpRequest.newBuilder(endpoint(service)).header("Authorization", "Bearer " + token).GET().build());
	}

	private String post(Service service, String token, Duration shift) throws IOException {
		String body = "{\"days\": %d, \"hours\": %d}".formatted(shift.toDays(), shift.toHoursPart());
		return send(HttpRequest.newBuilder(endpoint(service))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private String send(HttpRequest request) throws IOException {
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("HTTP " + response.statusCode()
						+ (response.statusCode() == 404 ? ", started without the dev clock" : ""));
			}
			return response.body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private URI endpoint(Service service) {
		return ports.managementUrl(service).resolve("/actuator/clock");
	}

	private static String group(Pattern pattern, String body) {
		Matcher matcher = pattern.matcher(body);
		if (!matcher.find()) {
			throw new IllegalStateException("unexpected answer " + body);
		}
		return matcher.group(1);
	}

	/** {@code 15d}, {@code 36h}, {@code 2d12h} or an ISO-8601 duration ({@code P15D}). */
	public static Duration parseShift(String value) {
		Matcher compact = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?").matcher(value.strip().toLowerCase());
		if (!value.isBlank() && compact.matches()) {
			long days = compact.group(1) == null ? 0 : Long.parseLong(compact.group(1));
			long hours = compact.group(2) == null ? 0 : Long.parseLong(compact.group(2));
			return Duration.ofDays(days).plusHours(hours);
		}
		try {
			return Duration.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new UsageException(
					"clock takes a shift such as 15d, 36h, 2d12h or P15D, got '" + value + "'");
		}
	}

}
