/**
 * The model card's calibration sections (Spanish and English): calibration at each kind of cut-off, by
 * group (sex, state, campus size) and the back-test of stored scores (drift). Models trained before these
 * were measured have none of them and get none of these sections.
 */
import type { CalibrationCheck, GroupCalibration } from './calibration-report.js';
import type { RiskMetrics } from './card.js';

type Lang = 'es' | 'en';

const num = (v: number | null | undefined, d = 3): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d);
const pct = (v: number | null | undefined, d = 1): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(d)} %`;

const T = {
  es: {
    kinds: '## Calibración por tipo de corte',
    kindsNote: (m: RiskMetrics) =>
      `Una calibración por tipo de corte, cada una ajustada en el último corte de su tipo con resultado conocido antes de la prueba: fin de periodo ${m.calibrationCutoffs?.termEnd ?? '—'}, fin de ciclo ${m.calibrationCutoffs?.yearEnd ?? '—'}. La fila del corte de prueba es fuera de muestra; la del otro tipo es la de su ajuste; la deriva (abajo) compara cada puntaje guardado con lo que pasó después.`,
    kindHeader:
      '| corte | tipo | estudiantes | ROC-AUC | probabilidad media | tasa observada | observada / predicha | deciles (observada / predicha) |',
    kind: { termEnd: 'fin de periodo', yearEnd: 'fin de ciclo' },
    groups: '## Calibración por grupo (prueba)',
    groupsNote:
      'Probabilidad media contra tasa observada en cada grupo; «rango» es la menor y la mayor razón observada / predicha entre los grupos con al menos 30 casos y 10 salidas esperadas.',
    groupHeader: '| dimensión | grupos | rango observada / predicha | grupo con más sesgo |',
    drift: '## Deriva: puntajes guardados contra lo que pasó después',
    driftNone: 'Aún no hay puntajes guardados (`trayecto risk score`) de un corte cuyo resultado se conozca.',
    driftHeader:
      '| corte | modelo | estudiantes | ROC-AUC | probabilidad media | tasa observada | observada / predicha |',
  },
  en: {
    kinds: '## Calibration by kind of cut-off',
    kindsNote: (m: RiskMetrics) =>
      `One calibration per kind of cut-off, each fitted on the latest cut-off of its kind with a known outcome before the test: term-end ${m.calibrationCutoffs?.termEnd ?? '—'}, year-end ${m.calibrationCutoffs?.yearEnd ?? '—'}. The test cut-off's row is out of sample; the other kind's is its fit; drift (below) compares every stored score with what happened next.`,
    kindHeader:
      '| cut-off | kind | students | ROC-AUC | mean probability | observed rate | observed / predicted | deciles (observed / predicted) |',
    kind: { termEnd: 'term-end', yearEnd: 'year-end' },
    groups: '## Calibration by group (test)',
    groupsNote:
      'Mean probability against the observed rate in each group; "range" is the lowest and highest observed / predicted among groups with at least 30 cases and 10 expected exits.',
    groupHeader: '| dimension | groups | observed / predicted range | most biased group |',
    drift: '## Drift: stored scores against what happened next',
    driftNone: 'There are no stored scores (`trayecto risk score`) of a cut-off whose outcome is known yet.',
    driftHeader:
      '| cut-off | model | students | ROC-AUC | mean probability | observed rate | observed / predicted |',
  },
} as const;

const DIM_EN: Record<string, string> = { sexo: 'sex', estado: 'state', 'tamaño de plantel': 'campus size' };

const deciles = (c: CalibrationCheck): string =>
  c.bins.map((b) => (b.meanPredicted > 0 ? num(b.observedRate / b.meanPredicted, 2) : '—')).join(' ');

function worst(g: GroupCalibration): string {
  const w = g.groups
    .filter((x) => x.n >= 30 && x.predicted * x.n >= 10 && x.ratio !== null)
    .sort((a, b) => Math.abs(Math.log(b.ratio as number)) - Math.abs(Math.log(a.ratio as number)))[0];
  return w ? `${w.group} (${pct(w.predicted)} → ${pct(w.observed)}, n = ${w.n})` : '—';
}

/** The calibration sections of the card, or nothing for a model trained before they were measured. */
export function calibrationSections(m: RiskMetrics, lang: Lang): string[] {
  const t = T[lang];
  const lines: string[] = [];
  if (m.calibrationChecks && m.calibrationChecks.length > 0) {
    lines.push(t.kinds, '', t.kindsNote(m), '', t.kindHeader, '|---|---|---|---|---|---|---|---|');
    for (const c of m.calibrationChecks)
      lines.push(
        `| ${c.cutoff} | ${t.kind[c.kind]} | ${c.n} | ${num(c.rocAuc)} | ${pct(c.predicted)} | ${pct(c.observed)} | ${num(c.ratio, 2)} | ${deciles(c)} |`,
      );
    lines.push('');
  }
  if (m.calibrationByGroup && m.calibrationByGroup.length > 0) {
    lines.push(t.groups, '', t.groupsNote, '', t.groupHeader, '|---|---|---|---|');
    for (const g of m.calibrationByGroup) {
      const dim = lang === 'en' ? (DIM_EN[g.dimension] ?? g.dimension) : g.dimension;
      const range = g.ratioRange ? `${num(g.ratioRange[0], 2)} – ${num(g.ratioRange[1], 2)}` : '—';
      lines.push(`| ${dim} | ${g.groups.length} | ${range} | ${worst(g)} |`);
    }
    lines.push('');
  }
  if (m.drift !== undefined) {
    lines.push(t.drift, '');
    if (m.drift.length === 0) lines.push(t.driftNone, '');
    else {
      lines.push(t.driftHeader, '|---|---|---|---|---|---|---|');
      for (const d of m.drift)
        lines.push(
          `| ${d.cutoff} | ${d.modelVersions.join(', ') || '—'} | ${d.n} | ${num(d.rocAuc)} | ${pct(d.predicted)} | ${pct(d.observed)} | ${num(d.ratio, 2)} |`,
        );
      lines.push('');
    }
  }
  return lines;
}
