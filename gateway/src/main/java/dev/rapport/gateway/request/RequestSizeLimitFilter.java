package dev.rapport.gateway.request;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.rapport.gateway.headers.ClientIdentityHeadersFilter;
import dev.rapport.gateway.problem.GatewayProblemException;
import dev.rapport.gateway.request.RequestSizeProperties.Upload;

/**
 * Refuses request bodies over {@code rapport.gateway.request.max-body-size} (or an upload path's own limit) with 413:
 * at once when {@code Content-Length} says so, and while streaming for a chunked body that has none. Runs before the
 * gateway caches bodies for retries, so no more than the limit is ever held in memory.
 */
@Component
public class RequestSizeLimitFilter implements GlobalFilter, Ordered {

	/** After identity headers are stripped, well before AdaptCachedBodyGlobalFilter (highest precedence + 1000). */
	public static final int ORDER = ClientIdentityHeadersFilter.ORDER + 100;

	private final long defaultLimit;

	private final List<Upload> uploads;

	public RequestSizeLimitFilter(RequestSizeProperties properties) {
		this.defaultLimit = properties.maxBodySize().toBytes();
		this.uploads = properties.uploads();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		long limit = limitFor(request.getPath().value());
		long declared = request.getHeaders().getContentLength();
		if (declared > limit) {
			return Mono.error(tooLarge(limit));
		}
		if (declared >= 0) {
			// HTTP framing: the server reads exactly Content-Length bytes, so nothing more can arrive.
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate().request(new CountingRequest(request, limit)).build());
	}

	private long limitFor(String path) {
		return uploads.stream()
			.filter(upload -> upload.covers(path))
			.mapToLong(upload -> upload.maxBodySize().toBytes())
			.findFirst()
			.orElse(defaultLimit);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	private static GatewayProblemException tooLarge(long limit) {
		String limitText = limit % (1024 * 1024) == 0 ? (limit / (1024 * 1024)) + " MB"
				: limit % 1024 == 0 ? (limit / 1024) + " KB" : limit + " bytes";
		return new GatewayProblemException(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than the %s the API accepts".formatted(limitText));
	}

	/** A body without a declared length, failed as soon as it passes the limit. */
	private final class CountingRequest extends ServerHttpRequestDecorator {

		private final long limit;

		CountingRequest(ServerHttpRequest delegate, long limit) {
			super(delegate);
			this.limit = limit;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.defer(() -> {
				AtomicLong seen = new AtomicLong();
				return super.getBody().handle((buffer, sink) -> {
					if (seen.addAndGet(buffer.readableByteCount()) > limit) {
						DataBufferUtils.release(buffer);
						sink.error(tooLarge(limit));
					}
					else {
						sink.next(buffer);
					}
				});
			});
		}

	}

}
