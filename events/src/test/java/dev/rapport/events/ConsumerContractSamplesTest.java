package dev.rapport.events;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The samples consumers pin ({@code contracts/<consumer>/<EventType>.json}, checked against producers by
 * platform-test's ConsumerContracts) are events this build publishes: a registered type, valid against its current
 * schema, readable by the codec.
 */
class ConsumerContractSamplesTest {

	private static final EventSchemaValidator CURRENT = EventSchemaValidator.current();

	@Test
	void everyPinnedSampleIsAValidEventOfARegisteredType() {
		List<Path> pins = pins();
		assertThat(pins).as("pinned samples").isNotEmpty();
		List<String> problems = new ArrayList<>();
		for (Path pin : pins) {
			String consumer = pin.getParent().getFileName().toString();
			String file = pin.getFileName().toString();
			String name = consumer + "/" + file;
			if (!consumer.endsWith("-service") || !file.endsWith(".json")) {
				problems.add(name + ": not contracts/<consumer>-service/<EventType>.json");
				continue;
			}
			String type = file.substring(0, file.length() - ".json".length());
			if (EventTypes.classOf(type).isEmpty()) {
				problems.add(name + ": no event type " + type);
				continue;
			}
			JsonNode sample = EventSchemaTest.readResource("contracts/" + name);
			CURRENT.validate(type, sample).forEach(error -> problems.add(name + ": " + error));
			RapportEvent event = new EventCodec().fromJson(type, sample.toString());
			assertThat(event.type()).isEqualTo(type);
		}

		assertThat(problems).isEmpty();
	}

	private static List<Path> pins() {
		try (Stream<Path> files = Files.walk(Path.of(ConsumerContractSamplesTest.class.getClassLoader().getResource("contracts").toURI()))) {
			return files.filter(Files::isRegularFile).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
