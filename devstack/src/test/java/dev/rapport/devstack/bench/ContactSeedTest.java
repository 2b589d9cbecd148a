package dev.rapport.devstack.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rapport.devstack.stack.UsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactSeedTest {

	@TempDir
	Path folder;

	@Test
	void seedsAHundredThousandUnlessToldHowMany() {
		assertThat(ContactSeed.count(List.of())).isEqualTo(100_000);
		assertThat(ContactSeed.count(List.of("250"))).isEqualTo(250);
		assertThat(ContactSeed.count(List.of("100_000"))).isEqualTo(100_000);
	}

	@Test
	void refusesWhatIsNotAPositiveWholeNumber() {
		for (String bad : List.of("0", "-5", "ten", "1e5", "100,000", "_100", "100_", "3000000000", "")) {
			assertThatThrownBy(() -> ContactSeed.count(List.of(bad))).as(bad)
				.isInstanceOf(UsageException.class)
				.hasMessageContaining("'" + bad + "'");
		}
		assertThatThrownBy(() -> ContactSeed.count(List.of("10", "20"))).isInstanceOf(UsageException.class)
			.hasMessageContaining("one number");
	}

	@Test
	void readsTheGeneratorFromTheJarContactsServiceRuns() throws IOException {
		Path jar = jar(ContactSeed.GENERATOR, "insert into contact select ...");

		assertThat(ContactSeed.generator(jar)).isEqualTo("insert into contact select ...");
	}

	@Test
	void saysWhatIsMissingWhenThereIsNoJarOrNoGeneratorInIt() throws IOException {
		assertThatThrownBy(() -> ContactSeed.generator(folder.resolve("contacts-service.jar")))
			.hasMessageContaining("start this devstack once");
		Path older = jar("BOOT-INF/classes/application.yml", "spring: {}");
		assertThatThrownBy(() -> ContactSeed.generator(older)).hasMessageContaining("built before seed-contacts existed");
	}

	private Path jar(String entry, String content) throws IOException {
		Path jar = folder.resolve("contacts-service.jar");
		try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
			zip.putNextEntry(new ZipEntry(entry));
			zip.write(content.getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		return jar;
	}

}
