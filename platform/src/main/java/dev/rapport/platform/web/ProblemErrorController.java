package dev.rapport.platform.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container sends to {@code /error} (an error raised outside Spring MVC's handlers: a method
 * Tomcat refuses, a filter's {@code sendError}) answered as problem+json, whatever the client's Accept header,
 * instead of Spring Boot's own JSON or HTML error page.
 */
@RestController
public class ProblemErrorController implements ErrorController {

	private final ProblemWriter problems;

	public ProblemErrorController(ProblemWriter problems) {
		this.problems = problems;
	}

	@RequestMapping("${server.error.path:/error}")
	public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = code instanceof Integer value && value >= 400 ? value : 500;
		HttpStatus known = HttpStatus.resolve(status);
		String title = known != null ? known.getReasonPhrase() : "Error";
		String detail = switch (status) {
			case 404 -> "There is no API resource here";
			case 405 -> "The API does not take this method here";
			default -> status < 500 ? "The request cannot be accepted" : "Something went wrong on our side; it has been logged";
		};
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		HttpServletRequest original = new HttpServletRequestWrapper(request) {
			@Override
			public String getRequestURI() {
				return uri instanceof String path ? path : super.getRequestURI();
			}
		};
		problems.write(original, response,
				Problems.of(known != null ? known : HttpStatus.INTERNAL_SERVER_ERROR, status == 404 ? Problems.NOT_FOUND
						: status < 500 ? Problems.MALFORMED : Problems.INTERNAL, title, detail));
	}

}
