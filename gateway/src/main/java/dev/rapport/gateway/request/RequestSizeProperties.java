package dev.rapport.gateway.request;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** @param maxBodySize the largest request body the gateway forwards; larger ones get 413 */
@ConfigurationProperties("rapport.gateway.request")
public record RequestSizeProperties(DataSize maxBodySize) {
}
