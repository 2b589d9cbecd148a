import { Link } from 'react-router';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { memberTotals, percent, totals, useSingleOwnerRisk, useWeeklyInsights, type InsightWeek } from '../api/insights';
import { useContacts, useMemberNames } from '../api/rapport';
import { ErrorNote } from '../components/ErrorNote';
import { formatDate, formatDateTime } from '../lib/format';
import { useQueryParams } from '../lib/queryParams';
import { useTitle } from '../lib/title';

const PERIODS = [4, 12, 26] as const;
const DEFAULT_PERIOD = 12;

// The palette of styles.css, as SVG fills need colours rather than custom properties.
const COLOURS = { accent: '#2d4fd6', muted: '#4a5262', cooling: '#0b5a8a', warm: '#8a4b00', danger: '#b3261e', due: '#6b4e00' };

/** Team insights: how the team keeps in touch week by week, who only one of you knows, and promises kept. */
export function InsightsPage() {
  useTitle('Insights');
  const [params, update] = useQueryParams();
  const requested = Number(params.get('weeks'));
  const weeks = (PERIODS as readonly number[]).includes(requested) ? requested : DEFAULT_PERIOD;
  const weekly = useWeeklyInsights(weeks);
  const data = weekly.data?.weeks ?? [];
  const team = totals(data.map((w) => w.team ?? {}));
  return (
    <div className="page insights">
      <h1>Insights</h1>
      <p className="lede">How your team keeps in touch, week by week (weeks start on Monday, UTC).</p>
      <div className="tabs" role="group" aria-label="Period">
        {PERIODS.map((p) => (
          <button key={p} type="button" aria-pressed={weeks === p}
            onClick={() => update({ weeks: p === DEFAULT_PERIOD ? undefined : String(p) })}>Last {p} weeks</button>
        ))}
      </div>
      <ErrorNote error={weekly.error} onRetry={() => weekly.refetch()} />
      {weekly.data && (
        <>
          <dl className="figures" aria-label={`The last ${weeks} weeks`}>
            <div><dt>Conversations</dt><dd>{team.conversations}</dd></div>
            <div><dt>Rewarmed after cooling</dt><dd>{percent(team.recoveryRate)}</dd><dd className="hint">{team.rewarmed} of {team.enteredCooling}</dd></div>
            <div><dt>Follow-through</dt><dd>{percent(team.followThroughRate)}</dd><dd className="hint">{team.onTime} on time, {team.late} late, {team.broken} broken</dd></div>
          </dl>
          <Conversations weeks={data} />
          <Cooling weeks={data} />
          <FollowThrough weeks={data} />
          <Members weeks={data} />
        </>
      )}
      <SingleOwnerRisk />
    </div>
  );
}

const weekLabel = (week: InsightWeek) => formatDate(week.weekStart).replace(/,? \d{4}$/, '');

type Series<R> = { key: keyof R & string; name: string; colour: string; line?: boolean; stack?: string };
type Column<R> = { header: string; cell: (row: R) => React.ReactNode };

/**
 * One weekly chart with its numbers beside it, for screen readers and for anyone who wants the figures: bars (stacked
 * when they share a stack) and lines over the weeks, and a table of the same rows.
 */
function WeeklyChart<R extends { week: string }>({ id, title, caption, tableCaption, weekHeader = 'Week of', rows, series, columns }: {
  id: string; title: string; caption: string; tableCaption: string; weekHeader?: string;
  rows: R[]; series: Series<R>[]; columns: Column<R>[];
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="panel chart">
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="hint">{caption}</p>
      {/* The table below carries the same numbers for screen readers and keyboards: the drawing is for the eye. */}
      <div className="chart-area" aria-hidden="true">
        <ResponsiveContainer width="100%" height={220}>
          <ComposedChart data={rows} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend itemSorter={null} />
            {series.map((s) => s.line
              ? <Line key={s.key} dataKey={s.key as string} name={s.name} stroke={s.colour} strokeWidth={2} isAnimationActive={false} />
              : <Bar key={s.key} dataKey={s.key as string} name={s.name} stackId={s.stack} fill={s.colour} isAnimationActive={false} />)}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>The numbers</summary>
        <table>
          <caption className="visually-hidden">{tableCaption}</caption>
          <thead><tr><th scope="col">{weekHeader}</th>{columns.map((c) => <th scope="col" key={c.header}>{c.header}</th>)}</tr></thead>
          <tbody>{rows.map((r) => <tr key={r.week}><th scope="row">{r.week}</th>{columns.map((c) => <td key={c.header}>{c.cell(r)}</td>)}</tr>)}</tbody>
        </table>
      </details>
    </section>
  );
}

function Conversations({ weeks }: { weeks: InsightWeek[] }) {
  const rows = weeks.map((w) => ({ week: weekLabel(w), conversations: w.team?.conversations ?? 0, people: w.team?.peopleReached ?? 0 }));
  return (
    <WeeklyChart id="conversations" title="Conversations" caption="Conversations logged, and the different people they reached."
      tableCaption="Conversations by week" rows={rows}
      series={[
        { key: 'conversations', name: 'Conversations', colour: COLOURS.accent },
        { key: 'people', name: 'People reached', colour: COLOURS.warm, line: true },
      ]}
      columns={[
        { header: 'Conversations', cell: (r) => r.conversations },
        { header: 'People reached', cell: (r) => r.people },
      ]} />
  );
}

function Cooling({ weeks }: { weeks: InsightWeek[] }) {
  const rows = weeks.map((w) => ({
    week: weekLabel(w),
    cooling: w.team?.enteredCooling ?? 0,
    rewarmed: w.team?.rewarmed ?? 0,
    median: w.team?.medianDaysToRewarm ?? null,
  }));
  return (
    <WeeklyChart id="cooling" title="Cooling and rewarmed" caption="Relationships that started cooling, and those warmed up again."
      tableCaption="Cooling and rewarmed by week" rows={rows}
      series={[
        { key: 'cooling', name: 'Started cooling', colour: COLOURS.cooling },
        { key: 'rewarmed', name: 'Rewarmed', colour: COLOURS.warm },
      ]}
      columns={[
        { header: 'Started cooling', cell: (r) => r.cooling },
        { header: 'Rewarmed', cell: (r) => r.rewarmed },
        { header: 'Median days to rewarm', cell: (r) => r.median ?? '—' },
      ]} />
  );
}

function FollowThrough({ weeks }: { weeks: InsightWeek[] }) {
  const rows = weeks.map((w) => ({
    week: weekLabel(w),
    onTime: w.team?.followUps?.onTime ?? 0,
    late: w.team?.followUps?.late ?? 0,
    broken: w.team?.followUps?.broken ?? 0,
    open: w.team?.followUps?.open ?? 0,
    rate: w.team?.followThroughRate ?? null,
  }));
  return (
    <WeeklyChart id="follow-through" title="Promises kept" caption="Your follow-ups by the week they were due: kept on time, late, or broken (open a week past due)."
      tableCaption="Follow-ups by week due" weekHeader="Week due" rows={rows}
      series={[
        { key: 'onTime', name: 'On time', colour: COLOURS.accent, stack: 'f' },
        { key: 'late', name: 'Late', colour: COLOURS.due, stack: 'f' },
        { key: 'broken', name: 'Broken', colour: COLOURS.danger, stack: 'f' },
      ]}
      columns={[
        { header: 'On time', cell: (r) => r.onTime },
        { header: 'Late', cell: (r) => r.late },
        { header: 'Broken', cell: (r) => r.broken },
        { header: 'Still open', cell: (r) => r.open },
        { header: 'Follow-through', cell: (r) => percent(r.rate) },
      ]} />
  );
}

function Members({ weeks }: { weeks: InsightWeek[] }) {
  const names = useMemberNames();
  const rows = memberTotals(weeks);
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">By member</h2>
      {rows.length === 0 ? <p className="empty">No conversations in these weeks yet.</p> : (
        <table className="member-insights">
          <caption className="visually-hidden">Each member over the period</caption>
          <thead><tr><th scope="col">Member</th><th scope="col">Conversations</th><th scope="col">Rewarmed after cooling</th><th scope="col">Follow-through</th></tr></thead>
          <tbody>
            {rows.map(({ memberId, totals: t }) => (
              <tr key={memberId}>
                <th scope="row">{names.get(memberId) || 'A former member'}</th>
                <td>{t.conversations}</td>
                <td>{percent(t.recoveryRate)}{t.enteredCooling > 0 && <span className="hint"> ({t.rewarmed} of {t.enteredCooling})</span>}</td>
                <td>{percent(t.followThroughRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Contacts only one teammate has talked to in 90 days: if that teammate leaves, the relationship goes with them. */
function SingleOwnerRisk() {
  const risk = useSingleOwnerRisk();
  const items = risk.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  const contacts = useContacts(items.map((item) => item.contactId ?? ''));
  const names = useMemberNames();
  return (
    <section aria-labelledby="risk-title">
      <h2 id="risk-title">Only one of you knows them</h2>
      <p className="hint">People only one teammate has talked to in the last 90 days, the longest silence first. Introduce a colleague before the relationship depends on one person.</p>
      <ErrorNote error={risk.error} onRetry={() => risk.refetch()} />
      {risk.data && items.length === 0 && <p className="empty">Nobody: everyone someone talked to lately is known to at least two of you.</p>}
      {items.length > 0 && (
        <table className="single-owner-risk">
          <caption className="visually-hidden">Contacts only one teammate has talked to in 90 days</caption>
          <thead><tr><th scope="col">Who</th><th scope="col">Only known to</th><th scope="col">Last talked</th></tr></thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.contactId}>
                <th scope="row"><Link to={`/contacts/${item.contactId}`}>{contacts.get(item.contactId ?? '')?.displayName ?? 'Someone you cannot see'}</Link></th>
                <td>{names.get(item.memberId ?? '') || 'A former member'}</td>
                <td>{formatDateTime(item.lastTalkedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {risk.hasNextPage && (
        <button type="button" onClick={() => risk.fetchNextPage()} disabled={risk.isFetchingNextPage}>Show more</button>
      )}
    </section>
  );
}
