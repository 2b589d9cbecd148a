package dev.rapport.platform.web;

import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

import org.apache.catalina.core.StandardHost;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

import dev.rapport.text.TextRulesModule;

/** Error answers and request limits for every servlet-based Rapport service. */
@AutoConfiguration(afterName = "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
		beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PlatformWebAutoConfiguration {

	@Bean
	ProblemResponses problemResponses(ProblemWriter problems) {
		return new ProblemResponses(problems);
	}

	@Bean
	ProblemWriter problemWriter(JsonMapper jsonMapper) {
		return new ProblemWriter(jsonMapper);
	}

	@Bean
	DraftReader draftReader(JsonMapper jsonMapper) {
		return new DraftReader(jsonMapper);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Validator.class)
	static class Validation {

		@Bean
		@ConditionalOnBean(Validator.class)
		DraftValidator draftValidator(Validator validator) {
			return new DraftValidator(validator);
		}

	}

	/** Errors the container dispatches to /error are problem+json too (Spring Boot's error controller stands back). */
	@Bean
	ProblemErrorController problemErrorController(ProblemWriter problems) {
		return new ProblemErrorController(problems);
	}

	/** Every JSON string read into a service's types follows {@link dev.rapport.text.TextRules}. */
	@Bean
	TextRulesModule textRulesModule() {
		return new TextRulesModule();
	}

	@Bean
	FilterRegistrationBean<TextRulesFilter> textRulesFilter(ProblemWriter problems) {
		FilterRegistrationBean<TextRulesFilter> registration = new FilterRegistrationBean<>(
				new TextRulesFilter(problems));
		// First of all: a query string or path that cannot be decoded is refused before anything parses it.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	/** What Tomcat answers itself (a request line it refuses) is problem+json too. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
	static class TomcatErrors {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
			return factory -> factory.addContextCustomizers(context -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
			});
		}

	}

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
			@Value("${rapport.web.max-request-size:256KB}") DataSize limit, ObjectProvider<UploadLimit> uploads,
			ProblemWriter problems) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(limit.toBytes(), uploads.orderedStream().toList(), problems));
		// Before security: an oversized upload is refused before anything reads it.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
