package dev.rapport.devstack.stack;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import dev.rapport.devstack.stack.OtlpReceiver.ReceivedSpan;
import dev.rapport.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One logged conversation is one trace, as an operator sees it in the tracing backend: the services export their
 * spans over OTLP/HTTP (to the endpoint RunningDevstack runs in this JVM), and the gateway's, interactions-service's
 * and reminders-service's spans of the request share its trace id, through the outbox relay's send to Kafka and
 * reminders-service's consumption of the event.
 */
@ExtendWith(RunningDevstack.class)
class TracingSystemTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aLoggedInteractionIsOneTraceFromTheGatewayThroughKafkaToRemindersService() {
		RunningDevstack devstack = RunningDevstack.get();
		URI gateway = devstack.gateway();
		String token = "Bearer " + devstack.signInAsAdmin().createAccessToken("tracing");
		HttpResponse<String> contact = SystemHttp.send(gateway, "POST", "/api/contacts", token,
				"{\"displayName\": \"Traced %s\"}".formatted(UUID.randomUUID()), "application/json");
		assertThat(contact.statusCode()).as(contact.body()).isEqualTo(201);
		String contactId = JSON.readTree(contact.body()).get("id").asString();

		// The caller starts the trace, so the test knows its id; the gateway continues it (sampled).
		String traceId = HexFormat.of().formatHex(randomBytes(16));
		HttpResponse<String> logged = SystemHttp.send(gateway, "POST", "/api/interactions", token,
				"{\"participantIds\": [\"%s\"], \"type\": \"CALL\", \"timeZone\": \"UTC\", \"summary\": \"A traced call\"}"
					.formatted(contactId),
				"application/json",
				Map.of("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01"));
		assertThat(logged.statusCode()).as(logged.body()).isEqualTo(201);

		String sent = Topics.INTERACTIONS + " send";
		// Each service exports its spans in batches of its own, so the trace is complete only once all have sent.
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			List<ReceivedSpan> trace = devstack.traces().trace(traceId);
			assertThat(trace).extracting(ReceivedSpan::service)
				.as("spans of trace %s: %s", traceId, trace)
				.contains("gateway", "interactions-service", "reminders-service");
			assertThat(trace).as("the request's span in the gateway and in interactions-service")
				.anyMatch(span -> span.service().equals("gateway") && span.kind() == SpanKind.SPAN_KIND_SERVER)
				.anyMatch(span -> span.service().equals("interactions-service")
						&& span.kind() == SpanKind.SPAN_KIND_SERVER);
			List<ReceivedSpan> producers = trace.stream()
				.filter(span -> span.service().equals("interactions-service")
						&& span.kind() == SpanKind.SPAN_KIND_PRODUCER && span.name().equals(sent))
				.toList();
			assertThat(producers).as("the outbox relay's send of InteractionLogged, in %s", trace).hasSize(1);
			assertThat(trace).as("reminders-service consumed the record the relay sent: its span's parent is the send's")
				.anyMatch(span -> span.service().equals("reminders-service")
						&& span.kind() == SpanKind.SPAN_KIND_CONSUMER
						&& span.parentSpanId().equals(producers.getFirst().spanId()));
		});
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

}
