package dev.rapport.devstack.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * An OTLP/HTTP traces endpoint for the system tests, as a collector would be: it decodes each export (protobuf, as
 * the services send it) and keeps the spans, so a test can ask which spans a trace has.
 */
final class OtlpReceiver implements AutoCloseable {

	static final String PATH = "/v1/traces";

	/** What a test asks of a span: whose it is, where it sits in its trace, what kind. */
	record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
			io.opentelemetry.proto.trace.v1.Span.SpanKind kind) {
	}

	private final HttpServer server;

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private OtlpReceiver(HttpServer server) {
		this.server = server;
	}

	static OtlpReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			OtlpReceiver receiver = new OtlpReceiver(server);
			server.createContext(PATH, receiver::export);
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the OTLP receiver", ex);
		}
	}

	/** Where the services send their spans (RAPPORT_OTLP_TRACES_ENDPOINT). */
	URI endpoint() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
	}

	List<ReceivedSpan> trace(String traceId) {
		return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
	}

	private void export(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			ExportTraceServiceRequest request;
			try (InputStream body = body(exchange)) {
				request = ExportTraceServiceRequest.parseFrom(body);
			}
			for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
				String service = resourceSpans.getResource()
					.getAttributesList()
					.stream()
					.filter(attribute -> attribute.getKey().equals("service.name"))
					.map(KeyValue::getValue)
					.map(value -> value.getStringValue())
					.findFirst()
					.orElse("");
				for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
					scopeSpans.getSpansList()
						.forEach(span -> spans.add(new ReceivedSpan(service, hex(span.getTraceId().toByteArray()),
								hex(span.getSpanId().toByteArray()), hex(span.getParentSpanId().toByteArray()),
								span.getName(), span.getKind())));
				}
			}
			byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
			if (response.length > 0) {
				exchange.getResponseBody().write(response);
			}
		}
	}

	private static InputStream body(HttpExchange exchange) throws IOException {
		boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
		return gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody();
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
