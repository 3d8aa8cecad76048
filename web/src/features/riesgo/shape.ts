/** Chart specs of the Riesgo page, pure. */
import { SEMAFORO_COLORS } from '../../components/charts/palette';
import type { BarSpec } from '../../components/charts/spec';
import type { CampusOverview } from './api';

const BANDS = ['rojo', 'amarillo', 'verde'] as const;

/** Students by semester and semáforo: one series per band, each in the band's own colour. */
export function semesterSpec(
  bySemester: CampusOverview['bySemester'],
  text: {
    readonly title: string;
    readonly semester: string;
    readonly students: string;
    readonly band: (f: (typeof BANDS)[number]) => string;
  },
): BarSpec {
  return {
    kind: 'bar',
    title: text.title,
    categoryLabel: text.semester,
    valueLabel: text.students,
    format: { kind: 'count' },
    categories: bySemester.map((s) => String(s.semester)),
    series: BANDS.map((f) => ({
      name: text.band(f),
      color: SEMAFORO_COLORS[f],
      values: bySemester.map((s) => s[f]),
    })),
  };
}
