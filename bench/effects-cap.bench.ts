/**
 * Effects at national size, capped against full nuisance fits (issue 12): for each run `kind:trainMax[:maxUnits]`
 * the effect on the treated of one intervention kind, with the nuisance models' training cap `trainMax`
 * (0: no cap) on a sample of at most `maxUnits` student-years (default 400,000, the production default), with
 * the seeds of the national precompute; prints one JSON line per run (estimate, interval, truth, CPU, wall).
 * Read-only on the database; the cap is EffectsQuery.trainMax, no production setting.
 *
 *   npm run build:server && tsc -p tsconfig.bench.json && \
 *     node dist-bench/bench/effects-cap.bench.js --db data/national.db counseling:60000 counseling:0
 */
import { loadavg } from 'node:os';
import { databaseTarget } from '../src/config.js';
import { INTERVENTION_KINDS } from '../src/domain/interventions.js';
import { interventionEffects } from '../src/services/effects/index.js';
import { openStore } from '../src/storage/db.js';

const args = process.argv.slice(2);
const at = args.indexOf('--db');
const file = at >= 0 ? args[at + 1] : undefined;
const runs = args.filter((_, i) => i !== at && i !== at + 1);
if (!file || runs.length === 0) {
  console.error('uso: effects-cap.bench.js --db ARCHIVO tipo:tope[:estudiantes-ciclo] …');
  process.exit(2);
}
// The precompute's seeds: each kind's index among the kinds present (tutoring, counseling, leveling).
const PRESENT = INTERVENTION_KINDS.slice(0, 3) as readonly string[];
const pts = (x: number) => Number((x * 100).toFixed(2));
const store = openStore(databaseTarget(file));
try {
  for (const run of runs) {
    const [kind = '', capText = '0', unitsText] = run.split(':');
    if (!PRESENT.includes(kind)) throw new Error(`tipo desconocido: "${kind}"`);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await interventionEffects(
      store.db,
      { userId: 0, role: 'national', stateId: null, campusId: null, groups: [] },
      {
        kinds: [kind],
        seed: 20261128 + PRESENT.indexOf(kind),
        trainMax: Number(capText) > 0 ? Number(capText) : Number.POSITIVE_INFINITY,
        maxUnits: unitsText ? Number(unitsText) : undefined,
      },
    );
    const cpu = process.cpuUsage(cpu0);
    const e = report.effects[0];
    const est = e?.estimate;
    console.log(
      JSON.stringify({
        kind,
        trainMax: Number(capText) || null,
        units: est?.units ?? null,
        treated: est?.treated ?? null,
        attPts: est ? pts(est.att.estimate) : null,
        interval: est ? [pts(est.att.low), pts(est.att.high)] : null,
        sePts: est ? pts(est.att.se) : null,
        truthPts: e?.truth ? pts(e.truth.attYearExitRiskDifference) : null,
        inside: e?.truth?.insideInterval ?? null,
        cpuS: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
        wallS: Number(((performance.now() - t0) / 1000).toFixed(1)),
        load: loadavg().map((x) => Number(x.toFixed(1))),
      }),
    );
  }
} finally {
  await store.close();
}
