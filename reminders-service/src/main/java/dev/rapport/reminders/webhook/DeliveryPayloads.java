package dev.rapport.reminders.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * What a delivery says, in each format. The stored payload is Rapport's own JSON in the Standard Webhooks shape
 * ({@code {type, id, timestamp, data}}); Slack's and ntfy's bodies are one line of text made from it when sent, so a
 * retry sends exactly what the first attempt did.
 */
@Component
class DeliveryPayloads {

	static final String TEST_TYPE = "WebhookTest";

	private final JsonMapper json;

	DeliveryPayloads(JsonMapper json) {
		this.json = json;
	}

	String payload(String type, UUID eventId, Instant timestamp, Map<String, Object> data) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("type", type);
		payload.put("id", eventId.toString());
		payload.put("timestamp", timestamp.toString());
		payload.put("data", data);
		return json.writeValueAsString(payload);
	}

	/** The body and content type a webhook of {@code format} is sent, with ntfy's title and click-through link. */
	Body body(WebhookFormat format, String payload) {
		if (format == WebhookFormat.STANDARD) {
			return new Body(payload.getBytes(StandardCharsets.UTF_8), "application/json", null, null);
		}
		JsonNode tree = json.readTree(payload);
		String text = text(tree);
		String link = tree.path("data").path("link").asString(null);
		if (format == WebhookFormat.SLACK) {
			// Slack's mrkdwn link: <url|label>.
			String message = link == null ? text : text + " <" + link + "|Open in Rapport>";
			return new Body(json.writeValueAsBytes(Map.of("text", message)), "application/json", null, null);
		}
		return new Body(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8", title(tree), link);
	}

	/** One sentence a person reads in a chat or a notification. */
	static String text(JsonNode payload) {
		JsonNode data = payload.path("data");
		String who = data.path("contactName").asString("a contact");
		return switch (payload.path("type").asString("")) {
			case "ReminderDue" -> switch (data.path("kind").asString("")) {
				case "FOLLOW_UP" -> "A follow-up with " + who + " is due on " + data.path("dueOn").asString() + ".";
				case "IMPORTANT_DATE" -> "An important date of " + who + " is coming up on "
						+ data.path("dueOn").asString() + ".";
				default -> "Time to get in touch with " + who + ".";
			};
			case "RelationshipCooling" -> "Your relationship with " + who + " is now "
					+ data.path("state").asString("").toLowerCase() + ": "
					+ data.path("daysSinceLastTouch").asInt() + " days since you were last in touch.";
			case TEST_TYPE -> "Test delivery from Rapport: this webhook works.";
			default -> "Rapport: " + payload.path("type").asString("");
		};
	}

	private static String title(JsonNode payload) {
		return switch (payload.path("type").asString("")) {
			case "ReminderDue" -> "Rapport reminder";
			case "RelationshipCooling" -> "Rapport: a relationship is cooling";
			default -> "Rapport";
		};
	}

	/**
	 * @param bytes what is sent
	 * @param contentType its media type
	 * @param title ntfy's {@code Title} header, or null
	 * @param click ntfy's {@code Click} header (the link the notification opens), or null
	 */
	record Body(byte[] bytes, String contentType, String title, String click) {
	}

}
