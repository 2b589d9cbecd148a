package dev.rapport.platform.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.ExceptionUtils;

import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report as problem+json instead of its HTML page: what Tomcat answers itself, before any filter or
 * controller runs (a request line with characters it refuses, an encoded slash, an over-long URI or header). It
 * writes only when nothing else has: errors Spring handles keep their own body.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = known != null ? known.getReasonPhrase() : "Error";
		String detail = status < 500 ? "The request cannot be read: " + describe(status)
				: "Something went wrong on our side; it has been logged";
		String type = Problems.BASE + (status < 500 ? "malformed-request" : "internal");
		String body = "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
				+ ",\"detail\":\"" + detail + "\"}";
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			ExceptionUtils.handleThrowable(ex);
		}
	}

	private static String describe(int status) {
		return switch (status) {
			case 400 -> "its request line, path or headers are malformed (characters that must be percent-encoded, "
					+ "an encoded slash, or a request line or header over the size limit)";
			case 414 -> "the URI is too long";
			case 431 -> "its headers are too large";
			default -> "status " + status;
		};
	}

}
