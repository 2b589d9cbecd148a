package dev.rapport.platform.test;

import java.util.List;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape every module keeps, checked by its {@code ArchitectureTest}: the packages right under the module's root
 * are its features ({@code dev.rapport.reminders.relationship}); they depend on each other in one direction only (no
 * cycle, however long); and what a feature keeps to itself is not reached from another: its subpackages, and its
 * storage (classes named {@code *Repository}). Another feature goes through the feature's own classes (a service, an
 * aggregate, an event handler), never around them. The root package itself (the application class, wiring) may see
 * everything.
 */
public final class Architecture {

	private Architecture() {
	}

	/** Checks the main (not test) classes of the module whose root package holds {@code application}. */
	public static void verify(Class<?> application) {
		verify(application.getPackageName());
	}

	/** Checks the main (not test) classes under {@code rootPackage}. */
	public static void verify(String rootPackage) {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
			.importPackages(rootPackage);
		if (classes.isEmpty()) {
			throw new AssertionError("no classes found under " + rootPackage);
		}
		rules(rootPackage).forEach(rule -> rule.check(classes));
	}

	/** The rules, for a package's classes imported by the caller. */
	public static List<ArchRule> rules(String rootPackage) {
		ArchRule noCycles = slices().matching(rootPackage + ".(*)..")
			.namingSlices("feature '$1'")
			.as("features of " + rootPackage)
			.should()
			.beFreeOfCycles();
		ArchRule internalsStayInside = classes().that()
			.resideInAPackage(rootPackage + ".*.*..")
			.or()
			.haveSimpleNameEndingWith("Repository")
			.should(beReachedOnlyFromTheirOwnFeature(rootPackage))
			.as("a feature's subpackages and repositories are reached from that feature only")
			.allowEmptyShould(true);
		return List.of(noCycles, internalsStayInside);
	}

	private static ArchCondition<JavaClass> beReachedOnlyFromTheirOwnFeature(String rootPackage) {
		return new ArchCondition<>("be reached from their own feature only") {
			@Override
			public void check(JavaClass target, ConditionEvents events) {
				String feature = feature(rootPackage, target);
				for (Dependency dependency : target.getDirectDependenciesToSelf()) {
					JavaClass origin = dependency.getOriginClass();
					boolean wiring = origin.getPackageName().equals(rootPackage);
					String from = feature(rootPackage, origin);
					if (!wiring && from != null && !from.equals(feature)) {
						events.add(SimpleConditionEvent.violated(dependency, "feature '%s' reaches into feature '%s': %s"
							.formatted(from, feature, dependency.getDescription())));
					}
				}
			}
		};
	}

	/** The feature a class belongs to: the first package under the root; null for the root and anything outside. */
	private static String feature(String rootPackage, JavaClass type) {
		String name = type.getPackageName();
		if (!name.startsWith(rootPackage + ".")) {
			return null;
		}
		String rest = name.substring(rootPackage.length() + 1);
		int dot = rest.indexOf('.');
		return dot < 0 ? rest : rest.substring(0, dot);
	}

}
