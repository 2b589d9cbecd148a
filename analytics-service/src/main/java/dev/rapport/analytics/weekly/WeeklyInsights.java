package dev.rapport.analytics.weekly;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import dev.rapport.analytics.fact.Contribution;
import dev.rapport.analytics.weekly.WeeklyReport.Counts;
import dev.rapport.analytics.weekly.WeeklyReport.MemberCounts;
import dev.rapport.analytics.weekly.WeeklyReport.Week;

/** Reads a team's last weeks from the global {@link WeeklyTopology#STORE}, as of the service's clock. */
public class WeeklyInsights {

	public static final int MAX_WEEKS = 52;

	private final Supplier<ReadOnlyKeyValueStore<String, WeekCounts>> store;

	private final Clock clock;

	public WeeklyInsights(Supplier<ReadOnlyKeyValueStore<String, WeekCounts>> store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/** The last {@code weeks} ISO weeks up to and including the clock's, oldest first; weeks without data count 0. */
	public WeeklyReport report(UUID teamId, int weeks) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		LocalDate thisWeek = Contribution.weekOf(today);
		ReadOnlyKeyValueStore<String, WeekCounts> counts = store.get();
		StringSerializer keys = new StringSerializer();
		List<Week> result = new ArrayList<>();
		for (int ago = weeks - 1; ago >= 0; ago--) {
			LocalDate weekStart = thisWeek.minusWeeks(ago);
			Counts team = Counts.of(null, today);
			List<MemberCounts> members = new ArrayList<>();
			String prefix = WeeklyTopology.key(teamId, weekStart, "");
			try (KeyValueIterator<String, WeekCounts> rows = counts.prefixScan(prefix, keys)) {
				while (rows.hasNext()) {
					KeyValue<String, WeekCounts> row = rows.next();
					String member = row.key.substring(prefix.length());
					if (WeeklyTopology.TEAM.equals(member)) {
						team = Counts.of(row.value, today);
					}
					else {
						members.add(new MemberCounts(UUID.fromString(member), Counts.of(row.value, today)));
					}
				}
			}
			result.add(new Week(weekStart, team, members));
		}
		return new WeeklyReport(result);
	}

}
