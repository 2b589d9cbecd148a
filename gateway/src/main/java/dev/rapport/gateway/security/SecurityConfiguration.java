package dev.rapport.gateway.security;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.ui.DefaultResourcesWebFilter;
import org.springframework.security.web.server.ui.LoginPageGeneratingWebFilter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

import dev.rapport.defaults.FeedSecrets;
import dev.rapport.gateway.member.Member;
import dev.rapport.gateway.oidc.OidcMembers;
import dev.rapport.gateway.problem.GatewayProblems;
import dev.rapport.gateway.session.MemberDetailsService;
import dev.rapport.gateway.session.MemberSessions;
import dev.rapport.gateway.token.AccessTokenAuthentication;
import dev.rapport.gateway.token.AccessTokens;

/**
 * Who gets in, and how:
 * <ul>
 * <li>browsers sign in with a password (form login) or, when a provider is configured, OIDC, and then carry a session
 * cookie (HttpOnly, SameSite=Lax); their state-changing requests need the CSRF token from the {@code XSRF-TOKEN}
 * cookie in an {@code X-XSRF-TOKEN} header;</li>
 * <li>API clients send {@code Authorization: Bearer} with a personal access token ({@code rpt_...}) or, when a provider
 * is configured, its JWT; bearer requests carry no ambient credentials, so CSRF does not apply to them.</li>
 * </ul>
 * Everything under {@code /api/} needs a signed-in caller; failures answer problem+json (401, 403), and browsers
 * asking for a page are sent to the login page instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/** Where the digest's links live (done, snooze, unsubscribe), used from a mail with no session. */
	static final String DIGEST_LINKS = "/links/";

	private static final String[] PUBLIC_PATHS = { "/login", "/.well-known/jwks.json", "/actuator/health",
			"/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/docs", "/docs/**", "/v3/api-docs/**",
			"/webjars/**", "/swagger-ui/**", "/swagger-ui.html", "/fallback/**",
			// Calendar feeds: the secret URL is the credential, checked by reminders-service.
			FeedSecrets.PATH_PREFIX + "**",
			// The digest's one-click links: the signed token in the URL is the credential, checked by reminders-service.
			DIGEST_LINKS + "**" };

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, AccessTokens tokens,
			MemberDetailsService members, MemberSessions memberSessions, PasswordEncoder passwords,
			GatewayProblems problems, MeterRegistry meters,
			ObjectProvider<ReactiveClientRegistrationRepository> oidcClients, OidcMembers oidcMembers,
			@Value("${server.reactive.session.cookie.name:SESSION}") String sessionCookie) {
		ServerAuthenticationEntryPoint entryPoint = entryPoint(problems);

		AccessTokenAuthentication accessTokens = new AccessTokenAuthentication(tokens, meters);
		AuthenticationWebFilter accessTokenFilter = new AuthenticationWebFilter(accessTokens);
		accessTokenFilter.setServerAuthenticationConverter(accessTokens);
		accessTokenFilter.setRequiresAuthenticationMatcher(
				exchange -> AccessTokenAuthentication.sentWith(exchange) ? MatchResult.match() : MatchResult.notMatch());
		accessTokenFilter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(entryPoint));

		UserDetailsRepositoryReactiveAuthenticationManager passwordLogin = new UserDetailsRepositoryReactiveAuthenticationManager(
				members);
		passwordLogin.setPasswordEncoder(passwords);
		passwordLogin.setUserDetailsPasswordService(members);

		http.securityContextRepository(memberSessions)
			.authorizeExchange(exchanges -> exchanges.pathMatchers(PUBLIC_PATHS)
			.permitAll()
			.pathMatchers("/api/admin/**", "/api/teams", "/api/teams/**")
			.hasRole(Member.OPERATOR)
			.anyExchange()
			.authenticated())
			.formLogin(form -> form.authenticationManager(passwordLogin)
				.securityContextRepository(memberSessions)
				.authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/")))
			.logout(logout -> logout.logoutUrl("/logout")
				.logoutSuccessHandler(logoutSuccess()))
			.addFilterAt(accessTokenFilter, SecurityWebFiltersOrder.AUTHENTICATION)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			// Not Spring's no-referrer: with it a browser sends "Origin: null" on a same-origin form post (the
			// sign-in page's), which the CORS filter refuses (403). same-origin sends our own origin to ourselves
			// and still no referrer to anyone else.
			.headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.csrf(csrf -> csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
				.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
				.requireCsrfProtectionMatcher(exchange -> needsCsrf(exchange, sessionCookie))
				.accessDeniedHandler(accessDenied(problems)))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied(problems)));
		ReactiveClientRegistrationRepository providers = oidcClients.getIfAvailable();
		if (providers != null) {
			http.oauth2Login(login -> login.securityContextRepository(memberSessions)
				.authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/"))
				.authenticationFailureHandler(providerSignInFailed()));
		}
		// Our entry point (problem+json for API calls) turns off Spring's generated page: add it back, with a link
		// per configured provider.
		http.addFilterAt(loginPage(providers), SecurityWebFiltersOrder.LOGIN_PAGE_GENERATING)
			.addFilterAt(DefaultResourcesWebFilter.css(), SecurityWebFiltersOrder.LOGIN_PAGE_GENERATING);
		if (oidcMembers.bearerJwtEnabled()) {
			ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
			http.oauth2ResourceServer(resourceServer -> resourceServer
				.bearerTokenConverter(
						exchange -> AccessTokenAuthentication.sentWith(exchange) ? Mono.empty() : bearer.convert(exchange))
				.authenticationEntryPoint(entryPoint)
				.jwt(jwt -> jwt.jwtDecoder(oidcMembers.jwtDecoder())
					.jwtAuthenticationConverter(oidcMembers::authenticate)));
		}
		return http.build();
	}

	/**
	 * State-changing requests that ride on a session cookie, and sign-in itself (no login CSRF). A bearer request
	 * carries no ambient credential, and a request with neither a session nor a token is simply unauthenticated: 401.
	 * The digest's links neither: their route sends no identity on (a session cookie rides along from a signed-in
	 * browser but counts for nothing there), and their POST is made by a mail client (RFC 8058) or a page that has no
	 * CSRF token to give; the signed token in the URL is what a forger would lack.
	 */
	private static Mono<MatchResult> needsCsrf(ServerWebExchange exchange, String sessionCookie) {
		String path = exchange.getRequest().getPath().value();
		boolean signIn = path.equals("/login");
		boolean session = exchange.getRequest().getCookies().containsKey(sessionCookie);
		if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION) || !(signIn || session)
				|| path.startsWith(DIGEST_LINKS)) {
			return MatchResult.notMatch();
		}
		return CsrfWebFilter.DEFAULT_CSRF_MATCHER.matches(exchange);
	}

	/** 401 problem+json for API calls; a browser asking for a page goes to the login page. */
	private static ServerAuthenticationEntryPoint entryPoint(GatewayProblems problems) {
		RedirectServerAuthenticationEntryPoint toLogin = new RedirectServerAuthenticationEntryPoint("/login");
		return (exchange, ex) -> {
			if (wantsPage(exchange)) {
				return toLogin.commence(exchange, ex);
			}
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"rapport\"");
			return problems.write(exchange, GatewayProblems.of(HttpStatus.UNAUTHORIZED,
					"Sign in, or send a valid personal access token as Authorization: Bearer",
					exchange.getRequest().getPath().value()), HttpHeaders.EMPTY);
		};
	}

	/** The sign-in page: email and password, and a link to each OIDC provider configured. */
	private static LoginPageGeneratingWebFilter loginPage(ReactiveClientRegistrationRepository providers) {
		LoginPageGeneratingWebFilter page = new LoginPageGeneratingWebFilter();
		page.setFormLoginEnabled(true);
		if (providers instanceof Iterable<?> registrations) {
			Map<String, String> links = new LinkedHashMap<>();
			for (Object registration : registrations) {
				ClientRegistration client = (ClientRegistration) registration;
				if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(client.getAuthorizationGrantType())) {
					links.put("/oauth2/authorization/" + client.getRegistrationId(), client.getClientName());
				}
			}
			page.setOauth2AuthenticationUrlToClientName(links);
		}
		return page;
	}

	/** Back to the sign-in page, as Spring does; and a line in the log saying why (no such member, say). */
	private static ServerAuthenticationFailureHandler providerSignInFailed() {
		RedirectServerAuthenticationFailureHandler toLogin = new RedirectServerAuthenticationFailureHandler(
				"/login?error");
		return (exchange, failure) -> {
			// The message may quote what the callback URL carried: one line, and not too long, in the log.
			String reason = String.valueOf(failure.getMessage()).replaceAll("\\p{Cntrl}", " ");
			log.info("Sign-in through an OIDC provider refused: {}",
					reason.length() > 200 ? reason.substring(0, 200) + "..." : reason);
			return toLogin.onAuthenticationFailure(exchange, failure);
		};
	}

	private static ServerAccessDeniedHandler accessDenied(GatewayProblems problems) {
		return (exchange, ex) -> problems.write(exchange, GatewayProblems.of(HttpStatus.FORBIDDEN,
				GatewayProblems.FORBIDDEN,
				ex instanceof CsrfException
						? "Missing or wrong CSRF token: send the XSRF-TOKEN cookie's value in an X-XSRF-TOKEN header"
						: "Your role does not allow this",
				exchange.getRequest().getPath().value()), HttpHeaders.EMPTY);
	}

	private static boolean wantsPage(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().value();
		List<MediaType> accept = exchange.getRequest().getHeaders().getAccept();
		return !path.startsWith("/api/") && accept.stream().anyMatch(type -> type.includes(MediaType.TEXT_HTML));
	}

	private static RedirectServerLogoutSuccessHandler logoutSuccess() {
		RedirectServerLogoutSuccessHandler handler = new RedirectServerLogoutSuccessHandler();
		handler.setLogoutSuccessUrl(URI.create("/login?logout"));
		return handler;
	}

	/**
	 * No span or timer per security filter chain phase, authentication and authorization decision: each request keeps
	 * its own span and metrics, and sign-in and token outcomes have their counters. These observations added spans to
	 * every trace and showed in the gateway's CPU profile under gateway-bench, for nothing an operator reads.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** Subscribes to the deferred CSRF token, so the XSRF-TOKEN cookie is set on any response a browser reads. */
	@Bean
	WebFilter csrfCookie() {
		return (exchange, chain) -> {
			Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
			return (token != null ? token.then() : Mono.<Void>empty()).then(chain.filter(exchange));
		};
	}

}
