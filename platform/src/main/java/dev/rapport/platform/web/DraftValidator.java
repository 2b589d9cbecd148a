package dev.rapport.platform.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import dev.rapport.platform.web.Problems.FieldProblem;

/**
 * Checks a request's draft record against its Bean Validation constraints and answers one 400 naming every field at
 * fault by its JSON path ({@code importantDates[0].day}), so a client can point at each.
 */
public class DraftValidator {

	private final Validator validator;

	public DraftValidator(Validator validator) {
		this.validator = validator;
	}

	/**
	 * @param what what the draft describes, for the problem's detail ("contact")
	 * @param ruleToField cross-field rules are {@code @AssertTrue} methods; this maps a rule's name to the field a
	 * user would fix, or to "" for the object that holds it
	 */
	public <T> void validate(T draft, String what, Map<String, String> ruleToField) {
		List<FieldProblem> errors = validator.validate(draft)
			.stream()
			.map(violation -> new FieldProblem(path(violation, ruleToField), violation.getMessage()))
			.sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
			.toList();
		if (!errors.isEmpty()) {
			throw ApiException.invalid("The " + what + " has invalid fields", errors);
		}
	}

	static String path(ConstraintViolation<?> violation, Map<String, String> ruleToField) {
		String path = violation.getPropertyPath().toString().replace(".<list element>", "");
		int dot = path.lastIndexOf('.');
		String leaf = dot < 0 ? path : path.substring(dot + 1);
		String parent = dot < 0 ? "" : path.substring(0, dot);
		String field = ruleToField.get(leaf);
		if (field == null) {
			return path;
		}
		if (field.isEmpty()) {
			return parent.isEmpty() ? "body" : parent;
		}
		return parent.isEmpty() ? field : parent + "." + field;
	}

}
