package dev.rapport.gateway.request;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize the largest request body the gateway forwards; larger ones get 413
 * @param uploads paths that take files (an address book import), each with a larger limit of its own
 */
@ConfigurationProperties("rapport.gateway.request")
public record RequestSizeProperties(DataSize maxBodySize, List<Upload> uploads) {

	public RequestSizeProperties {
		uploads = uploads == null ? List.of() : List.copyOf(uploads);
	}

	/** A path (and everything under it) whose requests may be up to {@code maxBodySize}. */
	public record Upload(String path, DataSize maxBodySize) {

		boolean covers(String requestPath) {
			return requestPath.equals(path) || requestPath.startsWith(path + "/");
		}

	}

}
