import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { components as AnalyticsSchemas } from './generated/analytics';
import { analyticsApi, unwrap } from './http';

export type InsightCounts = AnalyticsSchemas['schemas']['Counts'];
export type InsightWeek = AnalyticsSchemas['schemas']['Week'];
export type SingleOwnerRisk = AnalyticsSchemas['schemas']['Item'];

/** The period totals of a run of weeks: sums, and the rates recomputed from the sums (never averaged). */
export interface PeriodTotals {
  conversations: number;
  enteredCooling: number;
  rewarmed: number;
  /** Rewarmed of those that entered cooling; null when none did. */
  recoveryRate: number | null;
  onTime: number;
  late: number;
  broken: number;
  open: number;
  /** On time of the follow-ups whose outcome is known (on time, late, broken); null when none is. */
  followThroughRate: number | null;
}

export function totals(counts: InsightCounts[]): PeriodTotals {
  const sum = (pick: (c: InsightCounts) => number | undefined) => counts.reduce((n, c) => n + (pick(c) ?? 0), 0);
  const enteredCooling = sum((c) => c.enteredCooling);
  const rewarmed = sum((c) => c.rewarmed);
  const onTime = sum((c) => c.followUps?.onTime);
  const late = sum((c) => c.followUps?.late);
  const broken = sum((c) => c.followUps?.broken);
  const known = onTime + late + broken;
  return {
    conversations: sum((c) => c.conversations),
    enteredCooling,
    rewarmed,
    recoveryRate: enteredCooling ? rewarmed / enteredCooling : null,
    onTime,
    late,
    broken,
    open: sum((c) => c.followUps?.open),
    followThroughRate: known ? onTime / known : null,
  };
}

/** Each member's totals over the weeks, the most conversations first; members without any week are absent. */
export function memberTotals(weeks: InsightWeek[]): { memberId: string; totals: PeriodTotals }[] {
  const byMember = new Map<string, InsightCounts[]>();
  for (const week of weeks) {
    for (const member of week.members ?? []) {
      if (!member.memberId) continue;
      byMember.set(member.memberId, [...(byMember.get(member.memberId) ?? []), member]);
    }
  }
  return [...byMember.entries()]
    .map(([memberId, counts]) => ({ memberId, totals: totals(counts) }))
    .sort((a, b) => b.totals.conversations - a.totals.conversations || a.memberId.localeCompare(b.memberId));
}

/** "73 %", or "—" when there is nothing to rate. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)} %`;
}

export const insightKeys = {
  all: ['insights'] as const,
  weekly: (weeks: number) => ['insights', 'weekly', weeks] as const,
  risk: ['insights', 'single-owner-risk'] as const,
};

export function useWeeklyInsights(weeks: number) {
  return useQuery({
    queryKey: insightKeys.weekly(weeks),
    queryFn: () => unwrap(analyticsApi.GET('/api/insights/weekly', { params: { query: { weeks } } })),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useSingleOwnerRisk() {
  return useInfiniteQuery({
    queryKey: insightKeys.risk,
    queryFn: ({ pageParam }) =>
      unwrap(analyticsApi.GET('/api/insights/single-owner-risk', { params: { query: { limit: 25, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 30_000,
  });
}
