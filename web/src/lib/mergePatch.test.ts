import { describe, expect, it } from 'vitest';
import { mergePatch } from './mergePatch';

describe('mergePatch', () => {
  it('sends what changed, nulls what was removed, nothing for the rest', () => {
    expect(
      mergePatch(
        { displayName: 'Ada', company: 'Engines', tags: ['a'], title: 'Countess' },
        { displayName: 'Ada L.', company: 'Engines', tags: ['a', 'b'] },
      ),
    ).toEqual({ displayName: 'Ada L.', tags: ['a', 'b'], title: null });
  });

  it('patches objects member by member', () => {
    expect(mergePatch({ cadence: { tier: 'CLOSE' } }, { cadence: { days: 10 } })).toEqual({
      cadence: { tier: null, days: 10 },
    });
    expect(mergePatch({ howWeMet: { place: 'Turin', note: 'x' } }, { howWeMet: { place: 'Turin', note: 'x' } })).toEqual({});
  });

  it('adds a member that was missing', () => {
    expect(mergePatch({}, { context: 'Moving' })).toEqual({ context: 'Moving' });
  });
});
