package dev.rapport.gateway;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;

import dev.rapport.gateway.cors.CorsProperties;
import dev.rapport.gateway.request.RequestSizeProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's routes and the defaults of its edge settings (the test context sets neither). */
@GatewayIntegrationTest
class GatewayApplicationTests {

	@Autowired
	WebTestClient http;

	@LocalManagementPort
	int managementPort;

	@Autowired
	RouteLocator routes;

	@Autowired
	HttpClientProperties httpClient;

	@Autowired
	CorsProperties cors;

	@Autowired
	RequestSizeProperties requestSize;

	@Autowired
	ApplicationContext context;

	@Test
	void startsAndReportsReadyOnTheManagementPortOnly() {
		// The first call to the management port warms its own server up: a loaded machine takes more than 5 s.
		WebTestClient management = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + managementPort)
			.responseTimeout(Duration.ofSeconds(60))
			.build();
		management.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
		for (String actuator : List.of("/actuator/prometheus", "/actuator/health", "/actuator/health/readiness")) {
			http.get().uri(actuator).exchange().expectStatus().isNotFound();
		}
	}

	@Test
	void routesEveryServiceFromTheNewPropertyPrefixTimelineFirst() {
		// Guards against the old spring.cloud.gateway.routes prefix, which is ignored silently.
		assertThat(routes.getRoutes().map(route -> route.getId()).collectList().block()).containsExactly(
				"contact-timeline", "interactions", "reminders", "calendar-feed", "digest-links", "contacts", "analytics", "contacts-docs",
				"interactions-docs", "reminders-docs", "analytics-docs");
	}

	@Test
	void everyApiRouteHasItsServicesCircuitBreakerAroundRetriesOfReads() {
		List<Route> api = routes.getRoutes().filter(route -> !route.getId().endsWith("-docs")).collectList().block();
		assertThat(api).hasSize(7).allSatisfy(route -> {
			List<String> filters = route.getFilters().stream().map(Object::toString).toList();
			assertThat(filters).as(route.getId()).hasSize(2);
			assertThat(filters.get(0)).as(route.getId()).contains("CircuitBreaker").contains("-service");
			assertThat(filters.get(1)).as(route.getId()).contains("Retry").contains("GET, HEAD]");
		});
	}

	@Test
	void withoutARedisUrlSessionsStayInMemoryAndNoRedisIsConfigured() {
		// Spring Session's jars are on the classpath: Boot alone would configure Redis sessions on localhost:6379.
		assertThat(context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
		assertThat(context.getBeanNamesForType(ReactiveSessionRepository.class)).isEmpty();
		WebSessionManager sessions = context.getBean(WebSessionManager.class);
		assertThat(sessions).isInstanceOf(DefaultWebSessionManager.class);
		assertThat(((DefaultWebSessionManager) sessions).getSessionStore()).isInstanceOf(InMemoryWebSessionStore.class);
	}

	@Test
	void defaultsToTwoSecondsToConnectAndTenToAnswer() {
		assertThat(httpClient.getConnectTimeout()).isEqualTo(2000);
		assertThat(httpClient.getResponseTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void defaultsTo256KBodiesAndNoCorsOrigin() {
		assertThat(requestSize.maxBodySize()).isEqualTo(DataSize.ofKilobytes(256));
		assertThat(requestSize.uploads()).as("address book imports; a handoff's 10,000 contact ids")
			.containsExactly(new RequestSizeProperties.Upload("/api/imports", DataSize.ofMegabytes(10)),
					new RequestSizeProperties.Upload("/api/contacts/handoff", DataSize.ofKilobytes(512)));
		assertThat(cors.allowedOrigins()).isEmpty();
		http.options()
			.uri("/api/contacts")
			.header(HttpHeaders.ORIGIN, "http://localhost:3000")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

}
