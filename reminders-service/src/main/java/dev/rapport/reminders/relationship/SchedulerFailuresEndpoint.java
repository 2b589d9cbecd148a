package dev.rapport.reminders.relationship;

import java.util.List;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

import dev.rapport.reminders.relationship.EvaluationFailures.Failure;

/**
 * {@code /actuator/schedulerfailures} on the management port (with a token): the relationships and reminders the
 * scheduler set aside, most recent first, with why, how often and when it tries again.
 */
@Component
@Endpoint(id = "schedulerfailures")
public class SchedulerFailuresEndpoint {

	private static final int SHOWN = 200;

	private final EvaluationFailureRepository failures;

	public SchedulerFailuresEndpoint(EvaluationFailureRepository failures) {
		this.failures = failures;
	}

	@ReadOperation
	public SetAside failures() {
		return new SetAside(failures.count(), failures.list(SHOWN));
	}

	/** How many rows are set aside, and the most recent {@value #SHOWN} of them. */
	public record SetAside(long count, List<Failure> failures) {
	}

}
