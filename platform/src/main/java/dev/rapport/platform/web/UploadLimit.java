package dev.rapport.platform.web;

import org.springframework.util.unit.DataSize;

/**
 * A larger request body limit for the requests under one path (an upload endpoint), declared as a bean by the
 * service that takes uploads; every other request keeps {@code rapport.web.max-request-size}.
 */
public record UploadLimit(String pathPrefix, DataSize limit) {

	boolean covers(String path) {
		return path.equals(pathPrefix) || path.startsWith(pathPrefix + "/");
	}

}
