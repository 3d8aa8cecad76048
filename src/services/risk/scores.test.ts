import { beforeAll, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.js';
import { cutoffSchoolYear } from '../../domain/risk/features.js';
import { featureVector, namedFeatures } from '../../domain/risk/features.js';
import { predictProbability } from '../../domain/risk/model.js';
import { explainScore } from '../../domain/risk/explain.js';
import { evaluateRules } from '../../domain/risk/rules.js';
import {
  campusExitRates,
  forEachActiveChunk,
  latestCutoff,
  riskRows,
  type RiskRow,
} from '../../storage/risk-queries.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import {
  assessActive,
  currentRisk,
  currentRuleSet,
  latestModel,
  meanRate,
  runScoring,
  setThresholds,
  studentRiskHistory,
} from './scores.js';
import { modelInfo, trainRiskModel } from './train.js';

const SCALE = 0.01;

describeEachDialect('risk service', ({ store }) => {
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 7, scale: SCALE });
  }, 120_000);

  it('scores exactly the active students: latest term completed, not graduated, not recorded as leaving', async () => {
    const db = store().db;
    const cutoff = await latestCutoff(db);
    expect(cutoff).not.toBeNull();
    const sy = cutoffSchoolYear(cutoff!);
    const risk = await currentRisk(db, {});
    // Independently: completed the last term of the latest year, minus graduates and later exits.
    const completed = await db
      .selectFrom('enrollments')
      .select('student_id')
      .where('school_year', '=', sy)
      .where('term_no', '=', cutoff!.term)
      .where('end_status', '=', 'completed')
      .execute();
    const graduated = new Set(
      (
        await db
          .selectFrom('year_results')
          .select('student_id')
          .where('school_year', '=', sy)
          .where('graduated', '=', 1)
          .execute()
      ).map((r) => r.student_id),
    );
    const left = new Set(
      (
        await db
          .selectFrom('status_events')
          .select('student_id')
          .where('school_year', '=', sy)
          .where('term_no', '=', cutoff!.term)
          .where('kind', 'in', ['dropout', 'temporary_leave'])
          .execute()
      ).map((r) => r.student_id),
    );
    const expected = new Set(
      completed.map((r) => r.student_id).filter((id) => !graduated.has(id) && !left.has(id)),
    );
    expect(expected.size).toBeGreaterThan(500);
    expect(risk.size).toBe(expected.size);
    for (const id of risk.keys()) expect(expected.has(id)).toBe(true);
    const flags = new Set([...risk.values()].map((r) => r.flag));
    expect(flags).toEqual(new Set(['verde', 'amarillo', 'rojo']));
    for (const r of risk.values()) {
      expect(r.reasons.length === 0).toBe(r.flag === 'verde');
      expect(r.probability).toBeNull();
      expect(r.modelVersion).toBeNull();
    }
  });

  it('restricts by campus, state and student ids; inactive students are absent', async () => {
    const db = store().db;
    const all = await currentRisk(db, {});
    const some = [...all.keys()].slice(0, 5);
    const campus = await db
      .selectFrom('students')
      .select(['campus_id'])
      .where('id', '=', some[0]!)
      .executeTakeFirstOrThrow();
    const byCampus = await currentRisk(db, { campusId: campus.campus_id });
    expect(byCampus.size).toBeGreaterThan(0);
    expect(byCampus.size).toBeLessThan(all.size);
    const campusOf = await db
      .selectFrom('students')
      .select(['id', 'campus_id'])
      .where('id', 'in', [...byCampus.keys()])
      .execute();
    for (const s of campusOf) expect(s.campus_id).toBe(campus.campus_id);
    const state = await db
      .selectFrom('campuses')
      .select('state_id')
      .where('id', '=', campus.campus_id)
      .executeTakeFirstOrThrow();
    const byState = await currentRisk(db, { stateId: state.state_id });
    for (const id of byCampus.keys()) expect(byState.has(id)).toBe(true);
    const graduate = await db
      .selectFrom('year_results')
      .select('student_id')
      .where('graduated', '=', 1)
      .executeTakeFirstOrThrow();
    const byIds = await currentRisk(db, { studentIds: [...some, graduate.student_id] });
    expect([...byIds.keys()].sort()).toEqual([...some].sort());
    expect(byIds.get(some[0]!)).toEqual(all.get(some[0]!));
    expect((await currentRisk(db, { studentIds: [] })).size).toBe(0);
  });

  it('labels history rows with the next term: a term-1 exit is the enrollment of term 2 ending in an exit', async () => {
    const db = store().db;
    const cutoff = { year: 2023, term: 1 } as const;
    const rows = await riskRows(db, cutoff, 'history');
    const next = await db
      .selectFrom('enrollments')
      .select(['student_id', 'end_status'])
      .where('school_year', '=', '2023-2024')
      .where('term_no', '=', 2)
      .execute();
    const status = new Map(next.map((r) => [r.student_id, r.end_status]));
    let positives = 0;
    for (const r of rows) {
      const s = status.get(r.studentId);
      expect(r.label).toBe(s === 'dropout' || s === 'temporary_leave' ? 1 : 0);
      positives += r.label ?? 0;
    }
    expect(positives).toBeGreaterThan(10);
  });

  it('versions thresholds with an audit row, rejects bad ones, and the flags follow them', async () => {
    const db = store().db;
    const before = await currentRisk(db, {});
    const amberBefore = [...before.values()].filter((r) => r.flag !== 'verde').length;
    const rs = await setThresholds(db, {
      actor: 'ana',
      changes: { attendanceAmarillo: 99 },
      note: 'más estricto',
    });
    expect(rs.version).toBeGreaterThan(0);
    expect((await currentRuleSet(db)).thresholds.attendanceAmarillo).toBe(99);
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'risk.threshold')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe('ana');
    expect(audit[0]?.details).toContain('attendanceAmarillo');
    const after = await currentRisk(db, {});
    expect([...after.values()].filter((r) => r.flag !== 'verde').length).toBeGreaterThan(amberBefore);
    for (const changes of [{ attendanceRojo: 100 }, { nope: 1 }, {}] as Record<string, number>[]) {
      const e = await setThresholds(db, { actor: 'ana', changes }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).kind).toBe('invalid');
    }
    expect((await db.selectFrom('risk_rule_sets').selectAll().execute()).length).toBe(1);
    await setThresholds(db, { actor: 'ana', changes: { attendanceAmarillo: 85 } });
  });

  it('trains with temporal validation, stores the version and its cards, and scoring then carries probabilities', async () => {
    const db = store().db;
    const r = await trainRiskModel(db, { actor: 'test', trainTerms: 4 });
    const m = r.metrics;
    expect(m.dataCutoff).toBe('2025-2026/1');
    expect(m.calibrationCutoff).toBe('2024-2025/1');
    expect(m.calibrationCutoffs).toEqual({ termEnd: '2024-2025/1', yearEnd: '2024-2025/2' });
    expect(m.trainCutoffs.every((c) => c < '2024-2025/1')).toBe(true);
    // Calibration where it is used (issue 12, finding 7): one calibration per kind of cut-off, each fitted
    // on its kind, so the year-end probabilities match the year-end exit rate in the large.
    const stored = (await latestModel(db))!.model;
    expect(stored.calibrationByCutoff).toBeDefined();
    for (const c of [
      { year: 2024, term: 1 },
      { year: 2024, term: 2 },
    ] as const) {
      const rows = await riskRows(db, c, 'history');
      const rates = await campusExitRates(db, c);
      let p = 0;
      let y = 0;
      for (const r of rows) {
        p += predictProbability(stored, featureVector(r, c, rates.get(r.campusId) ?? meanRate(rates)));
        y += r.label ?? 0;
      }
      expect(Math.abs(p - y) / y, `${c.year}/${c.term}`).toBeLessThan(0.02);
    }
    expect(m.calibrationChecks?.map((k) => [k.cutoff, k.kind])).toEqual([
      ['2025-2026/1', 'termEnd'],
      ['2024-2025/2', 'yearEnd'],
    ]);
    for (const k of m.calibrationChecks ?? []) {
      expect(k.ratio).toBeGreaterThan(0.7);
      expect(k.ratio).toBeLessThan(1.3);
    }
    expect(m.calibrationByGroup?.map((g) => g.dimension)).toEqual(['sexo', 'estado', 'tamaño de plantel']);
    expect(m.calibrationByGroup?.[0]?.groups.map((g) => g.group)).toEqual(['hombre', 'mujer']);
    expect(m.drift).toEqual([]);
    // ROC-AUC floors, measured on the 1 % demo at seeds 7, 8 and 9 (test cut-off 2025-2026/1: about 100 exits
    // among 3,100 students, a standard error near 0.03 on each figure). Before the repeaters' recalibration
    // (issue 12, finding 11): logistic 0.770/0.701/0.719, trees 0.766/0.705/0.710, rules 0.656/0.606/0.598;
    // after it: logistic 0.700/0.650/0.687, trees 0.743/0.734/0.720, rules 0.663/0.672/0.673. The old demo's
    // grade-3 repeaters were easy positives that one linear term (semesters behind) ranks: at seed 7, 360 of
    // 1,105 fifth-semester students were behind and left at 4.4 % against 1.1 % on time; now 134 of 933, 3.0 %
    // against 2.4 %. The trees keep their level (and score the students here: chosen on validation); the
    // logistic model's lower floor is the recalibrated demo's level, not a regression of the model.
    expect(m.methods.gbt.rocAuc).toBeGreaterThan(0.7);
    expect(m.methods[stored.method].rocAuc).toBeGreaterThan(0.7);
    expect(m.methods.logistic.rocAuc).toBeGreaterThan(0.68);
    expect(m.methods.logistic.rocAuc).toBeGreaterThan(m.methods.rules.rocAuc - 0.05);
    expect(m.methods.logistic.brier).toBeLessThan(m.baseRate.test);
    expect(m.capacity.individual.flagged).toBe(m.capacity.places);
    expect(m.capacity.campus.flagged).toBe(m.capacity.places);
    expect(m.fairness.model.map((d) => d.dimension)).toEqual(['sexo', 'estado', 'tamaño de plantel']);
    expect(m.fairness.model[0]?.groups.map((g) => g.group)).toEqual(['hombre', 'mujer']);
    const info = await modelInfo(db);
    expect(info.version).toBe(r.version);
    expect(info.cardEs).toContain('2025-2026/1');
    expect(info.cardEn).toContain('Risk model card');
    expect(info.cardEs).toContain('## Calibración por tipo de corte');
    expect(info.cardEs).toContain('## Calibración por grupo (prueba)');
    expect(info.cardEn).toContain('## Drift: stored scores against what happened next');
    const risk = await currentRisk(db, {});
    const one = [...risk.values()][0]!;
    expect(one.modelVersion).toBe(r.version);
    expect(one.probability).toBeGreaterThan(0);
    expect(one.probability).toBeLessThan(1);
    // Rojo students have a higher mean probability than verde ones.
    const mean = (f: string) => {
      const ps = [...risk.values()].filter((x) => x.flag === f).map((x) => x.probability ?? 0);
      return ps.reduce((s, v) => s + v, 0) / ps.length;
    };
    expect(mean('rojo')).toBeGreaterThan(mean('verde'));
  }, 120_000);

  it('scores every active student the same on the lean, paged path as in full detail and from the rows', async () => {
    const db = store().db;
    const cutoff = (await latestCutoff(db))!;
    // The rows in one read, and in pages of 97 students (the paging of a national run, at small scale).
    const rows = await riskRows(db, cutoff, 'current');
    expect(rows.length).toBeGreaterThan(500);
    const paged: RiskRow[] = [];
    const pages: number[] = [];
    await forEachActiveChunk(
      db,
      cutoff,
      {},
      (chunk) => {
        pages.push(chunk.length);
        paged.push(...chunk);
      },
      97,
    );
    expect(pages.length).toBeGreaterThan(5);
    const byId = (a: RiskRow, b: RiskRow) => a.studentId - b.studentId;
    expect([...paged].sort(byId)).toEqual([...rows].sort(byId));

    const lean = await currentRisk(db, {});
    const detail = await assessActive(db, {});
    const model = await latestModel(db);
    expect(model).not.toBeNull();
    const rules = await currentRuleSet(db);
    const rates = await campusExitRates(db, cutoff);
    expect(lean.size).toBe(rows.length);
    expect(detail).toHaveLength(rows.length);
    const details = new Map(detail.map((d) => [d.studentId, d]));
    let reasons = 0;
    for (const r of rows) {
      const x = featureVector(r, cutoff, rates.get(r.campusId) ?? meanRate(rates));
      const rule = evaluateRules(namedFeatures(x), rules.thresholds);
      const expected = {
        studentId: r.studentId,
        flag: rule.flag,
        probability: predictProbability(model!.model, x),
        reasons: explainScore(model!.model, x, rule).map((q) => q.es),
        reasonsEn: explainScore(model!.model, x, rule).map((q) => q.en),
        modelVersion: model!.version,
      };
      expect(lean.get(r.studentId)).toEqual(expected);
      const d = details.get(r.studentId)!;
      expect({
        studentId: d.studentId,
        flag: d.flag,
        probability: d.probability,
        reasons: d.reasons,
        reasonsEn: d.reasonsEn,
        modelVersion: d.modelVersion,
      }).toEqual(expected);
      expect([...d.features]).toEqual([...x]);
      expect(d.subject).toEqual({
        studentId: r.studentId,
        campusId: r.campusId,
        stateId: r.stateId,
        sex: r.sex,
      });
      reasons += expected.reasons.length;
    }
    expect(reasons).toBeGreaterThan(0);
  });

  it('saves a scoring run as the students’ history, replacing a rerun of the same cut-off', async () => {
    const db = store().db;
    const { run } = await runScoring(db, {});
    expect(run.scored).toBeGreaterThan(500);
    await runScoring(db, {});
    const n = await db
      .selectFrom('risk_scores')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(run.scored);
    const id = (await db.selectFrom('risk_scores').select('student_id').limit(1).executeTakeFirstOrThrow())
      .student_id;
    const h = await studentRiskHistory(db, id);
    expect(h).toHaveLength(1);
    expect(h[0]?.cutoff).toBe(run.cutoff);
  });
});
