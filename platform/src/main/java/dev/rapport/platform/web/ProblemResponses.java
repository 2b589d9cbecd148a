package dev.rapport.platform.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import dev.rapport.text.InvalidTextException;
import dev.rapport.text.JsonPaths;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.rapport.platform.web.Problems.FieldProblem;

/**
 * Turns every failure into an {@code application/problem+json} answer with a stable type and, for bad input, the
 * fields at fault. Nothing internal (stack traces, SQL, class names) leaves the service.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemResponses extends ResponseEntityExceptionHandler {

	private final ProblemWriter writer;

	public ProblemResponses(ProblemWriter writer) {
		this.writer = writer;
	}

	/**
	 * An Accept header that rules out JSON (or cannot be parsed) would leave the 406 itself without a body: it is
	 * written as problem+json regardless, as every error is.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null) {
			try {
				writer.write(servlet.getRequest(), servlet.getResponse(),
						Problems.of(HttpStatus.NOT_ACCEPTABLE, Problems.MALFORMED, "Not acceptable",
								"The API answers JSON (application/json, application/problem+json); the Accept header "
										+ "rules that out or cannot be read"));
				return null;
			}
			catch (IOException failed) {
				throw new UncheckedIOException(failed);
			}
		}
		return super.handleHttpMediaTypeNotAcceptable(ex, headers, status, request);
	}

	/** Fields the server owns: a client sending them gets told so rather than "unknown field". */
	static final Set<String> READ_ONLY_FIELDS = Set.of("id", "teamId", "ownerId", "authorId", "createdAt",
			"updatedAt");

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> api(ApiException ex) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(ex.problem().getStatus());
		if (ex.location() != null) {
			response.location(ex.location());
		}
		return response.body(ex.problem());
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex) {
		List<FieldProblem> errors = ex.getConstraintViolations()
			.stream()
			.map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
			.sorted(Comparator.comparing(FieldProblem::field))
			.toList();
		return ResponseEntity.badRequest().body(Problems.validation("The request has invalid fields", errors));
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException ex) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ex.problem());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		log.error("Unexpected failure", ex);
		return ResponseEntity.internalServerError()
			.body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL, "Internal error",
					"Something went wrong on our side; it has been logged"));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
		}
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach(error -> errors.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
		errors.sort(Comparator.comparing(FieldProblem::field));
		return ResponseEntity.badRequest().body(Problems.validation("The request has invalid fields", errors));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach(result -> {
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors()
				.forEach(error -> errors.add(new FieldProblem(name, ((DefaultMessageSourceResolvable) error)
					.getDefaultMessage())));
		});
		return ResponseEntity.badRequest().body(Problems.validation("The request has invalid parameters", errors));
	}

	/** A query parameter or path variable that does not convert ({@code ?state=LUKEWARM}, {@code /api/x/not-a-uuid}). */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
				: ex.getPropertyName() != null ? ex.getPropertyName() : "parameter";
		return ResponseEntity.badRequest()
			.body(Problems.validation("The request has invalid parameters",
					List.of(new FieldProblem(name, mismatch(ex)))));
	}

	/**
	 * What did not convert, as the client sent it: of a repeated parameter ({@code ?id=...&id=12345}) the one value
	 * that fails and the type of one ("'12345' (UUID)"), not the array of them all and "List".
	 */
	private static String mismatch(TypeMismatchException ex) {
		Object value = ex.getValue();
		TypeDescriptor type = ex instanceof MethodArgumentTypeMismatchException mismatch
				? new TypeDescriptor(mismatch.getParameter())
				: ex.getRequiredType() == null ? null : TypeDescriptor.valueOf(ex.getRequiredType());
		if (type != null && (type.isCollection() || type.isArray()) && type.getElementTypeDescriptor() != null) {
			type = type.getElementTypeDescriptor();
			if (value instanceof Object[] values) {
				value = firstNotConverting(values, type);
			}
		}
		return invalidValue(value, type == null ? null : type.getType());
	}

	/** The first of {@code values} that is no {@code type}; all of them, joined, when each one converts alone. */
	private static Object firstNotConverting(Object[] values, TypeDescriptor type) {
		ConversionService conversion = DefaultConversionService.getSharedInstance();
		for (Object value : values) {
			try {
				conversion.convert(value, TypeDescriptor.forObject(value), type);
			}
			catch (ConversionException | IllegalArgumentException failed) {
				return value;
			}
		}
		return String.join(", ", Arrays.stream(values).map(String::valueOf).toList());
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest()
			.body(Problems.validation("The request has invalid parameters",
					List.of(new FieldProblem(ex.getParameterName(), "is required"))));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.status(bodyProblem(ex).getStatus()).body(bodyProblem(ex));
	}

	/** "has an invalid value 'LUKEWARM': one of [WARM, DUE, COOLING, COLD]", or the type expected. */
	private static String invalidValue(Object value, Class<?> type) {
		String expected = type == null ? "" : type.isEnum()
				? ": one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).toList()
				: " (" + type.getSimpleName() + ")";
		return "has an invalid value '%s'%s".formatted(value, expected);
	}

	/** Explains why a request body could not be read, naming the field where Jackson knows it. */
	public static ProblemDetail bodyProblem(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException tooLarge) {
				return tooLarge.problem();
			}
			if (cause instanceof UnrecognizedPropertyException unknown) {
				String field = path(unknown);
				String message = READ_ONLY_FIELDS.contains(unknown.getPropertyName()) ? "is read-only"
						: "is not a known field";
				return Problems.validation("The request has invalid fields", List.of(new FieldProblem(field, message)));
			}
			if (cause instanceof InvalidTextException text) {
				return Problems.validation("The request has invalid fields",
						List.of(new FieldProblem(path(text), text.reason())));
			}
			if (cause instanceof InvalidFormatException invalid) {
				return Problems.validation("The request has invalid fields", List.of(new FieldProblem(path(invalid),
						invalidValue(invalid.getValue(), invalid.getTargetType()))));
			}
			if (cause instanceof ValueInstantiationException instantiation) {
				String reason = instantiation.getCause() != null ? instantiation.getCause().getMessage()
						: "has an invalid value";
				return Problems.validation("The request has invalid fields",
						List.of(new FieldProblem(path(instantiation), reason)));
			}
			if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
				return Problems.validation("The request has invalid fields",
						List.of(new FieldProblem(path(mismatched), "has the wrong type")));
			}
			if (cause instanceof StreamReadException) {
				return Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED, "Malformed request",
						"The request body is not valid JSON");
			}
		}
		return Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED, "Malformed request",
				"The request body is missing or cannot be read");
	}

	/** A JSON path such as {@code emails[1].address}. */
	static String path(JacksonException ex) {
		return JsonPaths.of(ex);
	}

	private static String lastNode(String propertyPath) {
		int dot = propertyPath.indexOf('.');
		return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
	}

}
