package dev.rapport.interactions;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.rapport.events.ContactSnapshot.Visibility;

/**
 * Plays contacts-service's {@code GET /api/contacts/{id}} for interactions-service's tests, on a real port: the
 * contacts it was told of, answered with contacts-service's rule (the caller's team only; a private contact to its
 * owner only; 404 otherwise), or 503 while {@link #failing(boolean)}. Every test context of this module is pointed at
 * it (META-INF/spring.factories); the contacts it knows are the ones whose event has "not arrived yet".
 */
public final class ContactsServiceStandIn implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ContactsServiceStandIn RUNNING = start();

	record Contact(UUID id, UUID teamId, UUID ownerId, Visibility visibility, long version) {
	}

	private final HttpServer server;

	private final Map<UUID, Contact> contacts = new ConcurrentHashMap<>();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private volatile boolean failing;

	/** For Spring's initializer mechanism; every instance points at the one server. */
	public ContactsServiceStandIn() {
		this.server = null;
	}

	private ContactsServiceStandIn(HttpServer server) {
		this.server = server;
	}

	public static ContactsServiceStandIn get() {
		return RUNNING;
	}

	private static ContactsServiceStandIn start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			ContactsServiceStandIn standIn = new ContactsServiceStandIn(server);
			server.createContext("/api/contacts/", standIn::answer);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.start();
			return standIn;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("contactsServiceStandIn",
					Map.of("rapport.contacts.uri", "http://127.0.0.1:" + RUNNING.server.getAddress().getPort())));
	}

	/** A contact contacts-service has (its event not delivered). */
	public UUID contact(UUID team, UUID owner, Visibility visibility) {
		UUID id = UUID.randomUUID();
		contacts.put(id, new Contact(id, team, owner, visibility, 1));
		return id;
	}

	public void failing(boolean failing) {
		this.failing = failing;
	}

	/** The Authorization headers it was sent, in order. */
	public List<String> authorizations() {
		return List.copyOf(authorizations);
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			authorizations.add(authorization == null ? "" : authorization);
			if (failing) {
				respond(exchange, 503, "{\"status\": 503}");
				return;
			}
			JsonNode claims = claims(authorization);
			String path = exchange.getRequestURI().getPath();
			Contact contact = contacts.get(UUID.fromString(path.substring(path.lastIndexOf('/') + 1)));
			if (claims == null || contact == null || !contact.teamId().toString().equals(claims.path("team").asString())
					|| (contact.visibility() == Visibility.PRIVATE
							&& !contact.ownerId().toString().equals(claims.path("sub").asString()))) {
				respond(exchange, 404, "{\"status\": 404}");
				return;
			}
			respond(exchange, 200, JSON.createObjectNode()
				.put("id", contact.id().toString())
				.put("teamId", contact.teamId().toString())
				.put("ownerId", contact.ownerId().toString())
				.put("displayName", "Just met")
				.put("visibility", contact.visibility().name())
				.put("archived", false)
				.put("createdAt", Instant.now().toString())
				.put("updatedAt", Instant.now().toString())
				.put("version", contact.version())
				.toString());
		}
	}

	/** The token's claims, unverified: the service under test only forwards what it verified itself. */
	private static JsonNode claims(String authorization) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return null;
		}
		String[] parts = authorization.substring(7).split("\\.");
		return parts.length < 2 ? null : JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
