/**
 * Heavy analyses (effects, scenarios, cohort tables) are computed on the server in the background: a request
 * may answer 202 with a job (server: src/api/routes/analyses.ts). These helpers follow the job, showing its
 * progress instead of a bare spinner, and ask again once it is done; a result of older data is marked stale.
 */
import { useState } from 'react';
import { ApiError, apiRequest } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import { useApi, type ApiResult } from '../lib/useApi';
import status from './Status.module.css';

export interface AnalysisJob {
  readonly id: string;
  readonly state: 'queued' | 'running' | 'done' | 'failed';
  readonly progress: number;
  readonly elapsedMs: number;
  readonly expectedMs: number | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

interface Marked {
  readonly analysis?: { readonly status: 'fresh' | 'stale' | 'pending'; readonly job?: AnalysisJob | null };
}

const POLL_MS = 1_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), reject(new DOMException('', 'AbortError'))));
  });
}

/** The analysis once computed: while the server answers with a job, follows it (`onJob`) and asks again. */
export async function untilComputed<T>(
  load: (signal: AbortSignal) => Promise<T>,
  signal: AbortSignal,
  onJob: (job: AnalysisJob | null) => void,
): Promise<T> {
  for (;;) {
    const r = await load(signal);
    const a = (r as Marked | undefined)?.analysis;
    if (a?.status !== 'pending' || !a.job) return r;
    let job: AnalysisJob = a.job;
    while (job.state === 'queued' || job.state === 'running') {
      onJob(job);
      await sleep(POLL_MS, signal);
      job = await apiRequest<AnalysisJob>('GET', `/analyses/jobs/${job.id}`, undefined, undefined, signal);
    }
    onJob(null);
    if (job.state === 'failed')
      throw new ApiError(
        500,
        job.error?.code ?? 'analysis_failed',
        job.error?.message ?? 'Error al calcular',
      );
  }
}

/** useApi for an analysis: its state, and the job computing it while it loads. */
export function useAnalysis<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): ApiResult<T> & { readonly job: AnalysisJob | null } {
  const [job, setJob] = useState<AnalysisJob | null>(null);
  const result = useApi(key, (s) => untilComputed(load, s, setJob));
  return { ...result, job: result.state.status === 'loading' ? job : null };
}

/** The job's progress: a bar and the time it has taken against the last computation's. */
export function AnalysisProgress({ job }: { readonly job: AnalysisJob }) {
  const { lang } = useI18n();
  const es = lang === 'es';
  const s = (ms: number) => `${Math.round(ms / 1000)} s`;
  const queued = job.state === 'queued';
  const text = queued
    ? es
      ? 'En espera de cálculo…'
      : 'Waiting to be computed…'
    : `${es ? 'Calculando' : 'Computing'}… ${Math.round(job.progress * 100)} % · ${s(job.elapsedMs)}${
        job.expectedMs ? ` ${es ? 'de' : 'of'} ~${s(job.expectedMs)}` : ''
      }`;
  return (
    <div className={status.loading} role="status" aria-live="polite" data-testid="analysis-progress">
      <progress max={1} value={queued ? undefined : job.progress} />
      <span>{text}</span>
    </div>
  );
}

/** A note when the result shown is of older data and the new one is being computed. */
export function StaleNote({ data }: { readonly data: unknown }) {
  const { lang } = useI18n();
  if ((data as Marked | undefined)?.analysis?.status !== 'stale') return null;
  return (
    <p className="muted" role="status">
      {lang === 'es'
        ? 'Resultado de los datos anteriores; se recalcula con los datos nuevos.'
        : 'Result of the previous data; it is being recomputed with the new data.'}
    </p>
  );
}
