package dev.rapport.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class GatewayApplicationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	RouteLocator routes;

	@Test
	void startsAndReportsReady() {
		http.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void routesEveryServiceFromTheNewPropertyPrefixTimelineFirst() {
		// Guards against the old spring.cloud.gateway.routes prefix, which is ignored silently.
		assertThat(routes.getRoutes().map(route -> route.getId()).collectList().block()).containsExactly("contact-timeline", "interactions", "reminders", "contacts");
	}

}
