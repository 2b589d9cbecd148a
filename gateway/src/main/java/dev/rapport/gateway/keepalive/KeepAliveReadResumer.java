package dev.rapport.gateway.keepalive;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import reactor.netty.channel.ChannelOperations;

/**
 * Makes sure a keep-alive connection goes on reading once no request is being answered on it. Reactor Netty's
 * HTTP/1.1 handler reads a connection on demand and queues a request that arrives while the answer before it is
 * still going out; when a queued request was answered at once (no worker, no upstream, so before the queue was
 * drained), 1.3.6 and 1.3.7 asked for no further read, and the connection's next request waited until the client gave
 * up (reactor/reactor-netty#4361, fixed in 1.3.8). Placed right after that handler, this sees what it has done with
 * each answer's end (a user event) and, after the drain it may have scheduled, asks for the read it skipped.
 */
final class KeepAliveReadResumer extends ChannelInboundHandlerAdapter {

	static final String NAME = "rapport.keepAliveReadResumer";

	@Override
	public void userEventTriggered(ChannelHandlerContext context, Object event) {
		// Queued after the drain Reactor Netty may have just scheduled on the same event loop: runs when it is done.
		context.executor().execute(() -> resumeIfIdle(context));
		context.fireUserEventTriggered(event);
	}

	/**
	 * A read when the connection is open and no request is being answered on it: what Reactor Netty does itself after
	 * every answer that left nothing queued. A read asked for twice is one read; while a request is answered, reading
	 * stays Reactor Netty's to ask for, at the pace the request's body is consumed.
	 */
	private static void resumeIfIdle(ChannelHandlerContext context) {
		Channel channel = context.channel();
		// A request's operations leave the channel when its answer has ended: none there, none being answered.
		if (!context.isRemoved() && channel.isActive() && ChannelOperations.get(channel) == null) {
			context.read();
		}
	}

}
