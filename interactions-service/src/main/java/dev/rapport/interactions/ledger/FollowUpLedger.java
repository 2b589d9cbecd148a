package dev.rapport.interactions.ledger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.events.InteractionSnapshot.FollowUp.Owner;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.PageResponse;

/**
 * The caller's commitment ledger: the follow-ups of the interactions they wrote, what they owe ({@code ME}: owed by
 * the author) and what is owed to them ({@code THEM}), open ones first and the overdue among them at the top.
 */
@Service
public class FollowUpLedger {

	private final FollowUpLedgerRepository followUps;

	private final Clock clock;

	public FollowUpLedger(FollowUpLedgerRepository followUps, Clock clock) {
		this.followUps = followUps;
		this.clock = clock;
	}

	/** A page of the caller's follow-ups matching {@code query}; "overdue" is as of today in {@code zone}. */
	@Transactional(readOnly = true)
	public PageResponse<LedgerEntry> page(Caller caller, LedgerQuery query, ZoneId zone) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
		long total = followUps.count(caller.teamId(), caller.userId(), query);
		return PageResponse.of(followUps.page(caller.teamId(), caller.userId(), query, today), query.page(),
				query.size(), total);
	}

	/** Filters and paging: who owes it (null: both), open or completed, a participant (null: any). */
	public record LedgerQuery(Owner owedBy, Status status, UUID contactId, int page, int size) {
	}

	/** Which follow-ups the ledger shows; open ones unless asked otherwise. */
	public enum Status {

		OPEN, COMPLETED, ALL

	}

}
