import { describe, expect, it } from 'vitest';
import {
  addDays,
  nextActionDue,
  queueDownloadRows,
  queueGroups,
  viewQueue,
  type QueueViewItem,
} from './worklist-view.js';

const item = (o: Partial<QueueViewItem> & { rank: number }): QueueViewItem => ({
  student: `S${o.rank}`,
  name: null,
  campusCct: '09DCT0001A',
  group: null,
  semester: 1,
  flag: 'rojo',
  probability: null,
  reasons: [],
  lastAction: null,
  daysSinceAction: null,
  escalated: false,
  openInterventions: 0,
  ...o,
});

const queue = [
  item({ rank: 1, group: '201', flag: 'rojo', probability: 0.9, daysSinceAction: 3 }),
  item({ rank: 2, group: '101', flag: 'rojo', probability: 0.7, daysSinceAction: null }),
  item({ rank: 3, group: '201', flag: 'amarillo', probability: 0.95, daysSinceAction: 30 }),
  item({ rank: 4, group: null, flag: 'amarillo', probability: null, daysSinceAction: 10 }),
];
const ranks = (xs: readonly QueueViewItem[]) => xs.map((x) => x.rank);

describe('viewQueue', () => {
  it.each([
    [{}, [1, 2, 3, 4]],
    [{ group: '201' }, [1, 3]],
    [{ group: '' }, [1, 2, 3, 4]],
    [{ flag: 'amarillo' as const }, [3, 4]],
    [{ minDays: 10 }, [2, 3, 4]],
    [{ sort: 'days' as const }, [2, 3, 4, 1]],
    [{ sort: 'probability' as const }, [3, 1, 2, 4]],
    [{ sort: 'group' as const }, [2, 1, 3, 4]],
    [{ flag: 'rojo' as const, sort: 'days' as const }, [2, 1]],
  ])('%o → %o', (filter, expected) => {
    expect(ranks(viewQueue(queue, filter))).toEqual(expected);
  });
  it('does not reorder its input', () => {
    viewQueue(queue, { sort: 'days' });
    expect(ranks(queue)).toEqual([1, 2, 3, 4]);
  });
});

describe('next action due', () => {
  it('is the escalation deadline after the last action, or today when there was none', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(nextActionDue('2026-12-01', 14, '2026-12-07')).toEqual({ date: '2026-12-15', overdue: false });
    expect(nextActionDue('2026-11-01', 14, '2026-12-07')).toEqual({ date: '2026-11-15', overdue: true });
    expect(nextActionDue('2026-11-23', 14, '2026-12-07')).toEqual({ date: '2026-12-07', overdue: false });
    expect(nextActionDue(null, 14, '2026-12-07')).toEqual({ date: '2026-12-07', overdue: true });
  });
});

describe('download rows', () => {
  it('has one flat row per student, a name column only when names are seen', () => {
    expect(queueGroups(queue)).toEqual(['101', '201']);
    const rows = queueDownloadRows(
      [item({ rank: 1, reasons: ['a', 'b'], probability: 0.4567 })],
      14,
      '2026-12-07',
    );
    expect(rows[0]).toMatchObject({ prioridad: 1, razones: 'a; b', probabilidad: 45.7, vencida: 'sí' });
    expect(rows[0]).not.toHaveProperty('nombre');
    expect(queueDownloadRows([item({ rank: 1, name: 'Ana' })], 14, '2026-12-07')[0]).toHaveProperty(
      'nombre',
      'Ana',
    );
  });

  it('writes English column names, bands, reasons and yes/no with lang=en', () => {
    const one = item({ rank: 1, flag: 'rojo', reasons: ['a'], reasonsEn: ['A'], name: 'Ana' });
    expect(queueDownloadRows([one], 14, '2026-12-07', 'en')[0]).toEqual(
      expect.objectContaining({ priority: 1, name: 'Ana', band: 'red', reasons: 'A', overdue: 'yes' }),
    );
    expect(Object.keys(queueDownloadRows([one], 14, '2026-12-07', 'en')[0]!)).toHaveLength(
      Object.keys(queueDownloadRows([one], 14, '2026-12-07')[0]!).length,
    );
  });
});
