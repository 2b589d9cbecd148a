package dev.rapport.analytics;

import java.util.UUID;

import dev.rapport.events.AnalyticsFact;
import dev.rapport.events.EventCodec;
import dev.rapport.events.Topics;
import dev.rapport.platform.test.TopicWriter;

/**
 * Writes the analytics tier's records onto the real topics, keyed as the services key them. Through
 * {@link TopicWriter#sendRaw} (JSON by the published codec and the type header): the CloudEvents envelope needs the
 * types' schemas registered, which comes with the services publishing the tier, and this consumer reads only the
 * key and the value.
 */
final class AnalyticsFeed implements AutoCloseable {

	private final EventCodec codec = new EventCodec();

	private final TopicWriter writer;

	AnalyticsFeed(String bootstrapServers) {
		this.writer = new TopicWriter(bootstrapServers);
	}

	void send(AnalyticsFact fact) {
		writer.sendRaw(Topics.of(fact), fact.key(), fact.type(), codec.serialize(fact));
	}

	/** The tombstone of a deleted interaction. */
	void deleteConversation(UUID interactionId) {
		writer.sendRaw(Topics.ANALYTICS_CONVERSATIONS, interactionId.toString(), null, null);
	}

	@Override
	public void close() {
		writer.close();
	}

}
