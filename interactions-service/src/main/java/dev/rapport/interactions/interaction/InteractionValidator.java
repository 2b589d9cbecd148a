package dev.rapport.interactions.interaction;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.Problems.FieldProblem;

/**
 * Checks a draft against its constraints and reports every field at fault by its JSON path (such as
 * {@code followUps[0].text}), in one answer.
 */
@Component
class InteractionValidator {

	/** Cross-field rules are methods; report them on the field a user would fix. */
	private static final Map<String, String> RULE_TO_FIELD = Map.of("knownTimeZone", "timeZone");

	private final Validator validator;

	InteractionValidator(Validator validator) {
		this.validator = validator;
	}

	void validate(InteractionDraft draft) {
		List<FieldProblem> errors = validator.validate(draft)
			.stream()
			.map(violation -> new FieldProblem(path(violation), violation.getMessage()))
			.sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
			.toList();
		if (!errors.isEmpty()) {
			throw ApiException.invalid("The interaction has invalid fields", errors);
		}
	}

	private static String path(ConstraintViolation<InteractionDraft> violation) {
		String path = violation.getPropertyPath().toString().replace(".<list element>", "");
		int dot = path.lastIndexOf('.');
		String leaf = dot < 0 ? path : path.substring(dot + 1);
		String prefix = dot < 0 ? "" : path.substring(0, dot + 1);
		return RULE_TO_FIELD.containsKey(leaf) ? prefix + RULE_TO_FIELD.get(leaf) : path;
	}

}
