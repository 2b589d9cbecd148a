package dev.rapport.platform.test.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import dev.rapport.platform.test.Architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules every service's ArchitectureTest applies, each seen failing on a small module made to break it. */
class ArchitectureRulesTest {

	@Test
	void featuresThatUseEachOtherOneWayAndThroughTheirOwnClassesPass() {
		assertThatCode(() -> check("fine")).doesNotThrowAnyException();
	}

	@Test
	void aCycleBetweenFeaturesFails() {
		assertThatThrownBy(() -> check("cycle")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("Cycle detected")
			.hasMessageContaining("feature 'a'")
			.hasMessageContaining("feature 'b'");
	}

	@Test
	void aReachIntoAnotherFeaturesSubpackageFails() {
		assertThatThrownBy(() -> check("reach")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("feature 'a' reaches into feature 'b'")
			.hasMessageContaining("Hidden");
	}

	@Test
	void aReachIntoAnotherFeaturesRepositoryFails() {
		assertThatThrownBy(() -> check("storage")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("feature 'a' reaches into feature 'b'")
			.hasMessageContaining("ThingRepository");
	}

	private static void check(String module) {
		String root = ArchitectureRulesTest.class.getPackageName() + "." + module;
		JavaClasses classes = new ClassFileImporter().importPackages(root);
		Architecture.rules(root).forEach(rule -> rule.check(classes));
	}

}
