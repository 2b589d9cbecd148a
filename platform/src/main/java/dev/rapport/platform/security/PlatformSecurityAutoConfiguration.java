package dev.rapport.platform.security;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.rapport.platform.web.PlatformWebAutoConfiguration;
import dev.rapport.platform.web.ProblemWriter;
import dev.rapport.platform.web.Problems;

/**
 * Every servlet service is a stateless resource server: only health, metrics and API docs are open; everything
 * else needs a platform token, and identity comes from that token alone, never from request headers.
 * <p>
 * A service may open paths of its own with {@code rapport.security.public-paths} (comma-separated path patterns,
 * default none): resources whose URL is their credential, such as reminders-service's calendar feed, which a
 * calendar application fetches without any token. On those paths an {@code Authorization} header is not even read,
 * so no caller is ever known there and a stale header cannot turn the answer into a 401.
 */
@AutoConfiguration(after = PlatformWebAutoConfiguration.class,
		beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class })
@EnableConfigurationProperties(JwtProperties.class)
public class PlatformSecurityAutoConfiguration {

	static final String[] OPEN_PATHS = { "/actuator/health", "/actuator/health/**", "/actuator/info",
			"/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
			"/error" };

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(JwtProperties properties) {
		return PlatformJwtDecoders.create(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityFilterChain platformSecurityFilterChain(HttpSecurity http, JwtDecoder decoder, ProblemWriter problems,
			@Value("${rapport.security.public-paths:}") String[] publicPaths) throws Exception {
		ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(problems);
		RequestMatcher servicePublic = publicPaths(publicPaths);
		http.authorizeHttpRequests(requests -> requests.requestMatchers(OPEN_PATHS)
			.permitAll()
			.requestMatchers(servicePublic)
			.permitAll()
			.anyRequest()
			.authenticated())
			.oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(decoder))
				.bearerTokenResolver(ignoringTokensOn(servicePublic))
				.authenticationEntryPoint(handlers)
				.accessDeniedHandler(handlers)
				// Without it a token that could not be checked (keys unreachable) escapes the filter: a bare 500.
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(handlers);
						return filter;
					}
				}))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.requestCache(cache -> cache.disable());
		return http.build();
	}

	/** The service's own public paths; none matches nothing. */
	static RequestMatcher publicPaths(String[] patterns) {
		List<RequestMatcher> matchers = Stream.of(patterns)
			.map(String::strip)
			.filter(pattern -> !pattern.isEmpty())
			.<RequestMatcher>map(pattern -> PathPatternRequestMatcher.withDefaults().matcher(pattern))
			.toList();
		return matchers.isEmpty() ? request -> false : new OrRequestMatcher(matchers);
	}

	/** The usual {@code Authorization: Bearer} resolution, except on public paths, where no token is looked for. */
	static BearerTokenResolver ignoringTokensOn(RequestMatcher publicPaths) {
		DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
		return request -> publicPaths.matches(request) ? null : resolver.resolve(request);
	}

	/**
	 * Spring Security's firewall refuses paths that could be read two ways ({@code %25}, {@code %2F}, {@code //},
	 * {@code ;}, {@code ..}): 400 problem+json, not the container's error page.
	 */
	@Bean
	RequestRejectedHandler problemRequestRejectedHandler(ProblemWriter problems) {
		return (request, response, ex) -> problems.write(request, response,
				Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED, "Malformed request",
						"The request is not accepted: its method is not an HTTP method the API uses, or its path has an "
								+ "encoded '%', '/' or '\\', a '//', a ';' or a '..' segment"));
	}

	@Bean
	WebMvcConfigurer callerArgumentResolverConfigurer() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CallerArgumentResolver());
			}
		};
	}

}
