package dev.rapport.devstack.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.rapport.devstack.stack.Service;

/**
 * {@code devstack openapi}: the OpenAPI documents of every service and of the gateway, as the gateway serves them
 * ({@code /v3/api-docs/<module>}), written normalized to a folder ({@code web/openapi}, whose copies the web app's
 * typed client is generated from): pretty-printed, keys sorted, without {@code servers} (it names the host that
 * served the document). The same text for the same API on any devstack, so a difference is a change of the API.
 */
public final class OpenApiDocuments {

	/** One document: its file ({@code contacts.json}) and where the gateway serves it. */
	public record Document(String file, String path) {
	}

	/** contacts.json, interactions.json, reminders.json and gateway.json. */
	public static final List<Document> ALL = Service.ALL.stream()
		.map(service -> new Document(service.shortName() + ".json", "/v3/api-docs/" + service.module()))
		.toList();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Two spaces, one value a line, {@code "name": value}: what JSON.stringify and jq write. */
	private static final ObjectWriter PRETTY = JSON.writer().with(pretty());

	private final URI gateway;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	public OpenApiDocuments(URI gateway) {
		this.gateway = gateway;
	}

	/** Writes every document into {@code folder}; returns the exit code. */
	public int write(Path folder, PrintStream out) {
		try {
			Files.createDirectories(folder);
			for (Document document : ALL) {
				Path file = folder.resolve(document.file());
				String text = fetch(document);
				boolean changed = !Files.exists(file) || !Files.readString(file).equals(text);
				Files.writeString(file, text);
				out.printf("  %-18s %s (from %s)%n", document.file(), changed ? "written" : "unchanged", document.path());
			}
			return 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the OpenAPI documents to " + folder, ex);
		}
	}

	/** The document as the gateway serves it now, normalized. */
	public String fetch(Document document) {
		URI uri = gateway.resolve(document.path());
		HttpResponse<String> response;
		try {
			response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + uri + " failed (" + ex.getMessage() + "): is devstack up?", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + uri + " answered " + response.statusCode()
					+ " (is every service up? the gateway answers 502 for one that is not): " + response.body());
		}
		return normalize(response.body());
	}

	/** Pretty-printed with sorted keys and without the top-level {@code servers}, ending in a line break. */
	static String normalize(String document) {
		JsonNode tree = JSON.readTree(document);
		if (!(tree instanceof ObjectNode object) || !object.has("openapi")) {
			throw new IllegalStateException("not an OpenAPI document: " + abbreviate(document));
		}
		object.remove("servers");
		return PRETTY.writeValueAsString(sorted(object)) + "\n";
	}

	/** Springdoc's order of keys follows the order it found handlers and types in: not the same on every start. */
	private static JsonNode sorted(JsonNode node) {
		if (node.isObject()) {
			ObjectNode sorted = JSON.createObjectNode();
			node.propertyNames().stream().sorted().forEach(name -> sorted.set(name, sorted(node.get(name))));
			return sorted;
		}
		if (node.isArray()) {
			ArrayNode array = JSON.createArrayNode();
			node.valueStream().map(OpenApiDocuments::sorted).forEach(array::add);
			return array;
		}
		return node;
	}

	private static DefaultPrettyPrinter pretty() {
		DefaultIndenter lines = new DefaultIndenter("  ", "\n");
		return new DefaultPrettyPrinter(new Separators().withObjectNameValueSpacing(Separators.Spacing.AFTER)
			.withObjectEmptySeparator("")
			.withArrayEmptySeparator("")).withObjectIndenter(lines).withArrayIndenter(lines);
	}

	private static String abbreviate(String text) {
		return text.length() <= 200 ? text : text.substring(0, 200) + "...";
	}

}
