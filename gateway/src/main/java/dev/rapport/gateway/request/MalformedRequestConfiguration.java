package dev.rapport.gateway.request;

import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

import dev.rapport.gateway.problem.GatewayProblems;
import dev.rapport.text.TextRulesModule;

/**
 * What text and which requests the gateway accepts: every JSON string its own API reads follows the services' text
 * rules ({@link TextRulesModule}); and requests malformed below the API still get problem+json: Netty's decoding
 * failures ({@link MalformedRequestHandler}) and paths Spring Security's firewall refuses because they could be read
 * two ways.
 */
@Configuration(proxyBeanMethods = false)
class MalformedRequestConfiguration {

	@Bean
	TextRulesModule textRulesModule() {
		return new TextRulesModule();
	}

	@Bean
	NettyServerCustomizer malformedRequests() {
		return server -> server.doOnChannelInit((observer, channel, address) -> {
				if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
					channel.pipeline()
						.addAfter(NettyPipeline.HttpCodec, MalformedRequestHandler.NAME, new MalformedRequestHandler());
				}
			});
	}

	@Bean
	ServerExchangeRejectedHandler problemExchangeRejectedHandler(GatewayProblems problems) {
		return (exchange, ex) -> problems.write(exchange,
				GatewayProblems.of(HttpStatus.BAD_REQUEST,
						"The request is not accepted: its method is not an HTTP method the API uses, or its path has an "
								+ "encoded '%', '/' or '\\', a '//', a ';' or a '..' segment",
						exchange.getRequest().getPath().value()),
				HttpHeaders.EMPTY);
	}

}
