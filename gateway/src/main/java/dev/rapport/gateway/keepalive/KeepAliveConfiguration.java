package dev.rapport.gateway.keepalive;

import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every HTTP/1.1 connection the gateway accepts keeps reading between requests, however their answers interleave
 * ({@link KeepAliveReadResumer}). Remove it with Reactor Netty 1.3.8 or later on the classpath: KeepAliveTest stays
 * the judge.
 */
@Configuration(proxyBeanMethods = false)
class KeepAliveConfiguration {

	@Bean
	NettyServerCustomizer keepAliveReads() {
		return server -> server.doOnChannelInit((observer, channel, address) -> {
			if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
				channel.pipeline()
					.addAfter(NettyPipeline.HttpTrafficHandler, KeepAliveReadResumer.NAME, new KeepAliveReadResumer());
			}
		});
	}

}
