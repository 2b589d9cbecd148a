package dev.rapport.interactions.contact;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.Problems;

/**
 * Asks contacts-service about a contact the replica does not know yet: one just created, whose
 * {@code ContactCreated} has not arrived (or cannot, while the broker is down). The question is asked with the
 * caller's own platform token, so contacts-service answers only what the caller may see (their team; a private
 * contact only to its owner), exactly as the replica would have decided; what it answers is written to the replica
 * as a snapshot of that version, which the contact's own events then confirm or supersede.
 * <p>
 * Only misses cost a call: a contact whose event has arrived is decided from the replica alone.
 */
@Component
class ContactLookup {

	private static final Logger log = LoggerFactory.getLogger(ContactLookup.class);

	private final RestClient contactsService;

	private final ContactReplicaRepository replica;

	private final MeterRegistry meters;

	private final Timer timer;

	ContactLookup(@Value("${rapport.contacts.uri}") URI contactsUri,
			@Value("${rapport.contacts.timeout:2s}") Duration timeout, ContactReplicaRepository replica,
			MeterRegistry meters, ObjectProvider<ObservationRegistry> observations) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build());
		requests.setReadTimeout(timeout);
		this.contactsService = RestClient.builder()
			.baseUrl(contactsUri.toString())
			.requestFactory(requests)
			// Traced like every other call: the lookup is a child span of the request that needed it.
			.observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
			.build();
		this.replica = replica;
		this.meters = meters;
		this.timer = Timer.builder("rapport.interactions.contact-lookup.duration")
			.description("Asking contacts-service about a contact the replica did not know yet")
			.register(meters);
	}

	/**
	 * The contact as contacts-service shows it to the caller, now in the replica too; empty when it does not exist
	 * for them (another team's, a teammate's private one, erased, or no contact at all). Fails with 503 when
	 * contacts-service does not answer: the caller may retry, and nothing was written.
	 */
	Optional<ContactReplica> lookUp(UUID teamId, UUID contactId) {
		Optional<String> token = callerToken();
		if (token.isEmpty()) {
			return Optional.empty();
		}
		JsonNode contact;
		try {
			contact = timer.recordCallable(() -> contactsService.get()
				.uri("/api/contacts/{id}", contactId)
				.header("Authorization", "Bearer " + token.get())
				.retrieve()
				.body(JsonNode.class));
		}
		catch (RestClientResponseException ex) {
			if (ex.getStatusCode().value() == 404) {
				count("not-found");
				return Optional.empty();
			}
			throw unavailable(contactId, ex);
		}
		catch (Exception ex) {
			throw unavailable(contactId, ex);
		}
		if (contact == null || !contactId.toString().equals(text(contact, "id"))
				|| !teamId.toString().equals(text(contact, "teamId"))) {
			// contacts-service scopes reads to the caller's team; anything else is not a contact for them.
			count("not-found");
			return Optional.empty();
		}
		UUID ownerId;
		Visibility visibility;
		Instant updatedAt;
		UUID introducedBy;
		try {
			ownerId = UUID.fromString(text(contact, "ownerId"));
			visibility = Visibility.valueOf(text(contact, "visibility"));
			updatedAt = Instant.parse(text(contact, "updatedAt"));
			String introducer = text(contact.path("howWeMet"), "introducedBy");
			introducedBy = introducer.isEmpty() ? null : UUID.fromString(introducer);
		}
		catch (RuntimeException ex) {
			throw unavailable(contactId, new IllegalStateException("unexpected contact from contacts-service", ex));
		}
		replica.applySnapshot(contactId, teamId, ownerId, visibility, contact.path("archived").asBoolean(),
				contact.path("version").asLong(), updatedAt, introducedBy);
		count("found");
		log.info("Contact {} of team {} learned from contacts-service ahead of its event", contactId, teamId);
		// Read back: a newer snapshot or the contact's erasure may already be here, and wins.
		return replica.find(contactId);
	}

	private static Optional<String> callerToken() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof Jwt jwt
				? Optional.of(jwt.getTokenValue()) : Optional.empty();
	}

	private ApiException unavailable(UUID contactId, Exception cause) {
		count("unavailable");
		log.warn("contacts-service did not answer about contact {}: {}", contactId, cause.toString());
		return ApiException.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.SERVICE_UNAVAILABLE, "Service unavailable",
				"A participant was created moments ago and could not be confirmed with contacts-service right now; "
						+ "try again shortly");
	}

	private void count(String outcome) {
		meters.counter("rapport.interactions.contact-lookup", "outcome", outcome).increment();
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() ? "" : value.asString();
	}

}
