package dev.rapport.gateway;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway as a front door, end to end over real HTTP: the route URIs point at {@link UpstreamStub}s, so every
 * assertion about what "the service" saw is about bytes that crossed a socket.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "RAPPORT_CORS_ALLOWED_ORIGINS=https://app.rapport.test, https://admin.rapport.test",
				"RAPPORT_UPSTREAM_RESPONSE_TIMEOUT=3s",
				// Every trace recorded (production samples a tenth), so the one this test starts is a sampled one.
				"TRACING_SAMPLING_PROBABILITY=1.0" })
@AutoConfigureWebTestClient(timeout = "30s")
@Import(GatewayTestDatabase.class)
class GatewayEdgeTest {

	static final UpstreamStub contacts = UpstreamStub.start("contacts-service");

	static final UpstreamStub interactions = UpstreamStub.start("interactions-service");

	static final UpstreamStub reminders = UpstreamStub.start("reminders-service");

	static final UpstreamStub analytics = UpstreamStub.start("analytics-service");

	static final Map<String, UpstreamStub> services = Map.of(contacts.service(), contacts, interactions.service(),
			interactions, reminders.service(), reminders, analytics.service(), analytics);

	static final String ALLOWED_ORIGIN = "https://app.rapport.test";

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		registry.add("CONTACTS_URI", () -> contacts.uri().toString());
		registry.add("INTERACTIONS_URI", () -> interactions.uri().toString());
		registry.add("REMINDERS_URI", () -> reminders.uri().toString());
		registry.add("ANALYTICS_URI", () -> analytics.uri().toString());
	}

	@AfterAll
	static void stopUpstreams() {
		services.values().forEach(UpstreamStub::close);
	}

	@Autowired
	WebTestClient anonymous;

	/** Signed in: the first admin's access token on every request, as an API client sends it. */
	WebTestClient http;

	@BeforeEach
	void signIn() {
		http = GatewayTestDatabase.signedIn(anonymous);
	}

	@ParameterizedTest
	@CsvSource({ "/api/contacts/c-1/interactions, interactions-service", "/api/contacts/c-1, contacts-service",
			"/api/contacts, contacts-service", "/api/interactions, interactions-service",
			"/api/interactions/i-1, interactions-service", "/api/follow-ups, interactions-service",
			"/api/reminders, reminders-service",
			"/api/reminders/r-1, reminders-service", "/api/relationships/c-1, reminders-service",
			"/feeds/calendar/s-1.ics, reminders-service", "/links/reminders/t-1, reminders-service",
			"/api/insights/weekly, analytics-service", "/api/insights/single-owner-risk, analytics-service" })
	void routesEachPathToTheServiceThatOwnsIt(String path, String service) {
		String probe = "probe=" + UUID.randomUUID();
		http.get()
			.uri(path + "?" + probe)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo(service)
			.jsonPath("$.path")
			.isEqualTo(path);
		services.forEach((name, stub) -> assertThat(stub.received())
			.filteredOn(seen -> probe.equals(seen.query()))
			.as("requests %s saw", name)
			.extracting(UpstreamStub.Received::path)
			.isEqualTo(name.equals(service) ? List.of(path) : List.of()));
	}

	@Test
	void stripsIdentityHeadersAClientSendsButForwardsTheRest() {
		String path = "/api/contacts/identity-" + UUID.randomUUID();
		List<String> forged = List.of("X-User-Id", "X-Team-Id", "X-Roles", "X-Auth-Request-User",
				"X-Auth-Request-Email", "X-Forwarded-User", "X-Remote-User", "Remote-User", "X-Rapport-Caller",
				"x-rapport-team", "X-USER-ID");
		http.get().uri(path).headers(headers -> {
			forged.forEach(name -> headers.add(name, "attacker"));
			headers.set("X-Time-Zone", "Europe/Paris");
		}).exchange().expectStatus().isOk();

		assertThat(contacts.received(path)).singleElement().satisfies(seen -> {
			assertThat(forged).allSatisfy(name -> assertThat(seen.hasHeader(name)).as(name).isFalse());
			assertThat(seen.headers().keySet()).noneMatch(name -> name.toLowerCase().startsWith("x-rapport-")
					|| name.toLowerCase().startsWith("x-auth-request-"));
			assertThat(seen.headers().getFirst(HttpHeaders.AUTHORIZATION)).as("the gateway's platform token, not the client's")
				.startsWith("Bearer eyJ")
				.doesNotContain("rpt_");
			assertThat(seen.headers().getFirst("X-Time-Zone")).isEqualTo("Europe/Paris");
		});
	}

	@Test
	void aRequestIsTracedFromTheGatewayAndTheServiceContinuesItsTrace() {
		String fresh = "/api/contacts/trace-" + UUID.randomUUID();
		http.get().uri(fresh).exchange().expectStatus().isOk();
		String callerTraceId = UUID.randomUUID().toString().replace("-", "");
		String continued = "/api/contacts/trace-" + UUID.randomUUID();
		http.get()
			.uri(continued)
			.header("traceparent", "00-" + callerTraceId + "-00f067aa0ba902b7-01")
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(contacts.received(fresh).getFirst().headers().get("traceparent")).as("one trace context").hasSize(1);
		String started = contacts.received(fresh).getFirst().header("traceparent");
		assertThat(started).as("W3C trace context the gateway started").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
		String passedOn = contacts.received(continued).getFirst().header("traceparent");
		assertThat(passedOn).as("the caller's trace, with the gateway's own span as parent")
			.startsWith("00-" + callerTraceId + "-")
			.doesNotContain("00f067aa0ba902b7");
	}

	@ParameterizedTest
	@ValueSource(ints = { 502, 503, 504 })
	void retriesAReadTwiceWhenTheServiceSaysTryAgainThenPassesItsAnswerOn(int status) {
		String path = "/api/interactions/retry-" + UUID.randomUUID() + "/status/" + status;
		http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("interactions-service");
		assertThat(interactions.received(path)).hasSize(3).allMatch(seen -> seen.method().equals("GET"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PATCH", "DELETE" })
	void neverRetriesAWrite(String method) {
		String path = "/api/interactions/write-" + UUID.randomUUID() + "/status/503";
		http.method(HttpMethod.valueOf(method))
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(503);
		assertThat(interactions.received(path)).singleElement().extracting(UpstreamStub.Received::method).isEqualTo(method);
	}

	@Test
	void doesNotRetryAServerErrorThatIsNotTransient() {
		String path = "/api/reminders/bug-" + UUID.randomUUID() + "/status/500";
		http.get().uri(path).exchange().expectStatus().isEqualTo(500);
		assertThat(reminders.received(path)).hasSize(1);
	}

	@Test
	void aSlowAnswerWithinTheResponseTimeoutIsNotCutShort() {
		// 1.5 s: past Resilience4j's default 1 s time limiter, well within the 3 s response timeout configured here.
		String path = "/api/contacts/slow-" + UUID.randomUUID() + "/delay/1500";
		http.get().uri(path).exchange().expectStatus().isOk().expectBody().jsonPath("$.path").isEqualTo(path);
	}

	@Test
	void anUpstreamThatDoesNotAnswerInTimeGets504Problem() {
		String path = "/api/contacts/stuck-" + UUID.randomUUID() + "/hang";
		long started = System.nanoTime();
		EntityExchangeResult<String> result = http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.returnResult();
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(took).as("response timeout is 3 s").isLessThan(Duration.ofSeconds(10));
		ProblemAssert.of(result.getResponseBody())
			.hasType("https://rapport.dev/problems/gateway-timeout")
			.hasStatus(504)
			.hasInstance(path)
			.detailContains("contacts-service");
		assertThat(contacts.received(path)).as("a timed-out read is not retried").hasSize(1);
	}

	@Test
	void aBodyOverTheLimitGets413ProblemAndNeverReachesTheService() {
		String path = "/api/contacts/big-" + UUID.randomUUID();
		EntityExchangeResult<String> result = http.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new byte[300 * 1024])
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.returnResult();
		ProblemAssert.of(result.getResponseBody())
			.hasType("https://rapport.dev/problems/payload-too-large")
			.hasStatus(413)
			.hasInstance(path)
			.detailContains("256 KB");
		assertThat(contacts.received(path)).isEmpty();
	}

	@Test
	void aChunkedBodyOverTheLimitGets413ProblemToo() {
		String path = "/api/contacts/chunked-" + UUID.randomUUID();
		Flux<DataBuffer> chunks = Flux.range(0, 20)
			.map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[16 * 1024]));
		EntityExchangeResult<String> result = http.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunks, DataBuffer.class)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody(String.class)
			.returnResult();
		assertThat(result.getRequestHeaders().getContentLength()).as("sent without a length").isEqualTo(-1);
		ProblemAssert.of(result.getResponseBody()).hasType("https://rapport.dev/problems/payload-too-large");
		assertThat(contacts.received(path)).isEmpty();
	}

	@Test
	void anAddressBookUploadHasTheImportLimitAndReachesContactsService() {
		String path = "/api/imports?fileName=big-" + UUID.randomUUID();
		http.post()
			.uri(path)
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(new byte[2 * 1024 * 1024])
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(contacts.received("/api/imports")).last()
			.extracting(UpstreamStub.Received::bodyBytes)
			.isEqualTo(2 * 1024 * 1024);

		EntityExchangeResult<String> tooBig = http.post()
			.uri("/api/imports")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(new byte[10 * 1024 * 1024 + 1])
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody(String.class)
			.returnResult();
		ProblemAssert.of(tooBig.getResponseBody())
			.hasType("https://rapport.dev/problems/payload-too-large")
			.detailContains("10 MB");
	}

	@Test
	void aBodyWithinTheLimitIsForwardedWhole() {
		String path = "/api/contacts/fits-" + UUID.randomUUID();
		http.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new byte[250 * 1024])
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(contacts.received(path)).singleElement()
			.extracting(UpstreamStub.Received::bodyBytes)
			.isEqualTo(250 * 1024);
	}

	@Test
	void anUnknownPathGets404Problem() {
		EntityExchangeResult<String> result = http.get()
			.uri("/api/nothing-here")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.returnResult();
		ProblemAssert.of(result.getResponseBody())
			.hasType("https://rapport.dev/problems/not-found")
			.hasTitle("Not Found")
			.hasStatus(404)
			.hasInstance("/api/nothing-here");
	}

	@Test
	void theCircuitBreakerFallbackIsNotAnEndpoint() {
		EntityExchangeResult<String> result = http.get()
			.uri("/fallback/contacts-service")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.returnResult();
		ProblemAssert.of(result.getResponseBody()).hasType("https://rapport.dev/problems/not-found");
	}

	@Test
	void aMethodTheGatewayDoesNotOfferGets405Problem() {
		EntityExchangeResult<String> result = http.post()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.returnResult();
		ProblemAssert.of(result.getResponseBody())
			.hasType("https://rapport.dev/problems/method-not-allowed")
			.hasInstance("/.well-known/jwks.json");
	}

	@Test
	void aPreflightFromAnAllowedOriginIsAnsweredByTheGateway() {
		String path = "/api/contacts/preflight-" + UUID.randomUUID();
		http.options()
			.uri(path)
			.header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PATCH")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "if-match, content-type, authorization, x-xsrf-token")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("PATCH"))
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
					headers -> assertThat(headers.toLowerCase()).contains("if-match", "content-type", "authorization",
							"x-xsrf-token"));
		assertThat(contacts.received(path)).as("a preflight never reaches a service").isEmpty();
	}

	@Test
	void aPreflightFromAnotherOriginIsRefusedWithAProblem() {
		EntityExchangeResult<String> result = http.options()
			.uri("/api/contacts")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.returnResult();
		ProblemAssert.of(result.getResponseBody())
			.hasType("https://rapport.dev/problems/cors-rejected")
			.detailContains("https://evil.example");
	}

	@Test
	void aCrossOriginReadFromAnAllowedOriginMayReadTheApiHeaders() {
		http.get()
			.uri("/api/contacts/c-2")
			.header(HttpHeaders.ORIGIN, "https://admin.rapport.test")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://admin.rapport.test")
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
					exposed -> assertThat(Arrays.stream(exposed.split(",")).map(String::trim))
						.contains(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER));
	}

}
