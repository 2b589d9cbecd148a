package dev.rapport.contacts.importing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Imports' limits and their job's pace.
 *
 * @param maxFileSize the largest file an upload may send (413 beyond it, saying the limit)
 * @param batchSize how many rows the worker creates (or undoes) per transaction
 * @param pollInterval how often an idle worker looks for work it was not woken up for (another instance's, or
 * left by a stopped one)
 * @param workerEnabled whether this instance works through confirmed imports (tests switch it off to drive the
 * worker themselves)
 */
@ConfigurationProperties("rapport.imports")
public record ImportProperties(@DefaultValue("10MB") DataSize maxFileSize, @DefaultValue("500") int batchSize,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("true") boolean workerEnabled) {
}
