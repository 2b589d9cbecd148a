package dev.rapport.devstack.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.rapport.devstack.tools.OpenApiDocuments;
import dev.rapport.devstack.tools.OpenApiDocuments.Document;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI documents committed in {@code web/openapi}, which the web app's typed API client is generated from,
 * are the ones the services and the gateway of this build serve: a renamed field, a new endpoint or a changed type
 * fails the build here, naming the document and where it differs, until the documents are refreshed (and the web
 * app's types with them). Reads public documents only, so it needs no place in the system tests' order.
 */
@ExtendWith(RunningDevstack.class)
class OpenApiDocumentsSystemTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Enough to see what changed; the refreshed files show the rest. */
	private static final int MOST_DIFFERENCES = 20;

	@Test
	void theCommittedDocumentsAreTheLiveOnes() throws IOException {
		Path folder = RunningDevstack.repository().resolve("web").resolve("openapi");
		OpenApiDocuments live = new OpenApiDocuments(RunningDevstack.get().gateway());
		List<String> stale = new ArrayList<>();
		for (Document document : OpenApiDocuments.ALL) {
			Path committed = folder.resolve(document.file());
			String served = live.fetch(document);
			if (!Files.exists(committed)) {
				stale.add("web/openapi/" + document.file() + " is missing (served at " + document.path() + ")");
			}
			else if (!Files.readString(committed).equals(served)) {
				List<String> differences = new ArrayList<>();
				differences(JSON.readTree(Files.readString(committed)), JSON.readTree(served), "", differences);
				stale.add("web/openapi/" + document.file() + " differs from " + document.path() + " at "
						+ (differences.isEmpty() ? "no JSON pointer (only its formatting differs)"
								: String.join("\n      ", differences)));
			}
		}
		assertThat(stale).as("""
				OpenAPI documents in web/openapi that are not what this build's services serve. Refresh them from a \
				devstack running this code (./devstack/run builds and starts one), in another terminal: \
				./devstack/run --no-build openapi web/openapi; then commit web/openapi with the change of the API""")
			.isEmpty();
	}

	/** Where {@code live} differs from {@code committed}, as JSON pointers; at most {@link #MOST_DIFFERENCES}. */
	private static void differences(JsonNode committed, JsonNode live, String pointer, List<String> found) {
		if (found.size() >= MOST_DIFFERENCES || committed.equals(live)) {
			return;
		}
		if (committed.isObject() && live.isObject()) {
			TreeSet<String> names = new TreeSet<>(committed.propertyNames());
			names.addAll(live.propertyNames());
			for (String name : names) {
				if (found.size() >= MOST_DIFFERENCES) {
					return;
				}
				String at = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
				if (!live.has(name)) {
					found.add(at + " is gone");
				}
				else if (!committed.has(name)) {
					found.add(at + " is new");
				}
				else {
					differences(committed.get(name), live.get(name), at, found);
				}
			}
		}
		else {
			found.add((pointer.isEmpty() ? "/" : pointer) + ": committed " + abbreviate(committed) + ", served "
					+ abbreviate(live));
		}
	}

	private static String abbreviate(JsonNode node) {
		String text = node.toString();
		return text.length() <= 120 ? text : text.substring(0, 120) + "...";
	}

}
