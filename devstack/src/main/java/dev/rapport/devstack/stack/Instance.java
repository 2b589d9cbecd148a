package dev.rapport.devstack.stack;

import java.net.URI;

/**
 * One running copy of an application: the only one, or one of {@code up --replicas N}, with the ports it listens on.
 *
 * @param number from 1
 * @param name the module ({@code contacts-service}) with one instance, else the module and the number
 * ({@code contacts-service-2}): the name of its log file and of its row in the summary
 */
public record Instance(Service service, int number, String name, int port, int managementPort) {

	public URI url() {
		return URI.create("http://" + Ports.HOST + ":" + port);
	}

	/** Where its Actuator answers (health, Prometheus, devstack's clock). */
	public URI managementUrl() {
		return URI.create("http://" + Ports.HOST + ":" + managementPort);
	}

	URI readiness() {
		return managementUrl().resolve("/actuator/health/readiness");
	}

}
