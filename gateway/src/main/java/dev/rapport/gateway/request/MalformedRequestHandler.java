package dev.rapport.gateway.request;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

import dev.rapport.gateway.problem.GatewayProblems;

/**
 * Answers what Netty's HTTP/1.1 decoder could not read (a request line over the limit, a header with a control
 * character, a malformed request line) with problem+json and closes the connection, instead of the empty 400 or
 * 414 Reactor Netty would send. Sits right after the HTTP codec; everything it does not refuse passes untouched.
 */
final class MalformedRequestHandler extends ChannelInboundHandlerAdapter {

	static final String NAME = "rapport.malformedRequest";

	private boolean refused;

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (refused) {
			// Whatever the decoder still emits for the refused request (its body, the last content) goes nowhere.
			ReferenceCountUtil.release(message);
			return;
		}
		Throwable failure = message instanceof HttpObject object && object.decoderResult().isFailure()
				? object.decoderResult().cause() : message instanceof HttpRequest request ? uriProblem(request) : null;
		if (failure != null) {
			refused = true;
			ReferenceCountUtil.release(message);
			context.writeAndFlush(problem(failure)).addListener(ChannelFutureListener.CLOSE);
			return;
		}
		context.fireChannelRead(message);
	}

	/**
	 * A request target that is no URI at all ({@code /a\b}, {@code ?q=%G1}): Spring could not build the request from
	 * it and would answer an empty 400.
	 */
	private static Throwable uriProblem(HttpRequest request) {
		try {
			new URI(request.uri());
			return null;
		}
		catch (URISyntaxException ex) {
			return ex;
		}
	}

	static FullHttpResponse problem(Throwable cause) {
		HttpResponseStatus status;
		String detail;
		if (cause instanceof TooLongHttpLineException) {
			status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
			detail = "The request line is too long; the API accepts URIs up to " + TextRulesWebFilter.MAX_URI_LENGTH
					+ " characters";
		}
		else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
			status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
			detail = "The request headers are too large";
		}
		else if (cause instanceof URISyntaxException) {
			status = HttpResponseStatus.BAD_REQUEST;
			detail = "The request target is not a valid URI: a '%' not followed by two hex digits, or a character "
					+ "that must be percent-encoded (such as a backslash, '|', '{' or a space)";
		}
		else {
			status = HttpResponseStatus.BAD_REQUEST;
			detail = "The request cannot be read: its request line or headers are malformed (a control character in "
					+ "a header, or characters that must be percent-encoded)";
		}
		String body = "{\"type\":\"" + GatewayProblems.typeOf(org.springframework.http.HttpStatusCode.valueOf(
				status.code())) + "\",\"title\":\"" + GatewayProblems.titleOf(
						org.springframework.http.HttpStatusCode.valueOf(status.code()))
				+ "\",\"status\":" + status.code() + ",\"detail\":\"" + detail + "\"}";
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
				Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
			.set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		return response;
	}

}
