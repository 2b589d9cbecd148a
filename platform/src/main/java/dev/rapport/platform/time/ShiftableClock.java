package dev.rapport.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock plus an offset that can move forward at runtime: tests move time instead of sleeping, and
 * devstack's dev-only clock endpoint lets a user watch a relationship cool without waiting two weeks.
 */
public final class ShiftableClock extends Clock {

	private final Clock base;

	private final AtomicReference<Duration> offset;

	public ShiftableClock(Clock base, Duration initialOffset) {
		this(base, new AtomicReference<>(initialOffset));
	}

	private ShiftableClock(Clock base, AtomicReference<Duration> offset) {
		this.base = base;
		this.offset = offset;
	}

	@Override
	public Instant instant() {
		return base.instant().plus(offset.get());
	}

	/** Moves this clock by {@code amount} (never backwards past the base clock's now) and returns the new offset. */
	public Duration shift(Duration amount) {
		return offset.updateAndGet(current -> {
			Duration next = current.plus(amount);
			return next.isNegative() ? Duration.ZERO : next;
		});
	}

	public Duration offset() {
		return offset.get();
	}

	public void reset() {
		offset.set(Duration.ZERO);
	}

	@Override
	public ZoneId getZone() {
		return base.getZone();
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new ShiftableClock(base.withZone(zone), offset);
	}

}
