package dev.rapport.platform.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.rapport.platform.web.Problems.FieldProblem;
import dev.rapport.text.TextRules;

/**
 * Applies {@link TextRules} to the query string and the path before anything reads them: each query component is
 * decoded strictly (a stray {@code %}, bytes that are not UTF-8, an encoded surrogate), and every decoded name and
 * value, like every path segment, must be acceptable text. Otherwise 400 naming the parameter, before the servlet
 * container's own lenient decoding (which drops or garbles such parameters) or the database (which refuses NUL)
 * sees it. JSON bodies are checked by {@link dev.rapport.text.TextRulesModule}.
 */
public class TextRulesFilter extends OncePerRequestFilter {

	private final ProblemWriter problems;

	public TextRulesFilter(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<FieldProblem> errors = new ArrayList<>();
		TextRules.checkPath(request.getRequestURI())
			.ifPresent(violation -> errors.add(new FieldProblem(violation.field(), violation.message())));
		TextRules.checkQuery(request.getQueryString())
			.forEach(violation -> errors.add(new FieldProblem(violation.field(), violation.message())));
		if (!errors.isEmpty()) {
			problems.write(request, response, Problems.validation("The request has invalid parameters", errors));
			return;
		}
		chain.doFilter(request, response);
	}

}
