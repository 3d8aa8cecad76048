/**
 * The one component that loads ECharts (house style): it draws a ChartSpec, and offers the same data as an
 * accessible table ("Ver tabla") and as CSV ("Descargar CSV"). ECharts is imported module by module so
 * that only the charts and components used end up in the bundle.
 */
import { BarChart, EffectScatterChart, LineChart, MapChart, ScatterChart } from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { init, registerMap, use, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { GeoCollection } from '../../api/models';
import { useI18n } from '../../i18n/I18nProvider';
import { csvFileName, toCsv } from '../../lib/csv';
import { downloadText } from '../../lib/download';
import status from '../Status.module.css';
import styles from './Chart.module.css';
import { ChartTable } from './ChartTable';
import { chartHeight, chartOption, clickedId } from './options';
import { formatterFor, isEmpty, specCsv, specTable, type ChartSpec } from './spec';

use([
  LineChart,
  BarChart,
  MapChart,
  ScatterChart,
  EffectScatterChart,
  TooltipComponent,
  GridComponent,
  LegendComponent,
  VisualMapContinuousComponent,
  GeoComponent,
  CanvasRenderer,
]);

const registered = new Map<string, GeoCollection>();

function ensureMap(name: string, geo: GeoCollection): void {
  if (registered.get(name) === geo) return;
  registerMap(name, geo as unknown as Parameters<typeof registerMap>[1]);
  registered.set(name, geo);
}

export interface ChartProps {
  readonly spec: ChartSpec;
  /** Called with the id of a clicked state, campus or bar (navigation). */
  readonly onSelect?: (id: string) => void;
  readonly testId?: string;
}

export function Chart({ spec, onSelect, testId }: ChartProps) {
  const { t, lang } = useI18n();
  const [showTable, setShowTable] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef({ spec, onSelect });
  latest.current = { spec, onSelect };
  const fmt = useMemo(() => formatterFor(spec.format, lang), [spec.format, lang]);
  const empty = isEmpty(spec);
  const captionId = useId();
  const height = chartHeight(spec);

  useEffect(() => {
    const el = box.current;
    if (empty || !el) return;
    const instance = init(el, undefined, { renderer: 'canvas', locale: 'EN' });
    chart.current = instance;
    instance.on('click', (params) => {
      const { spec: current, onSelect: select } = latest.current;
      const id = clickedId(current, params);
      if (id && select) select(id);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [empty]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || empty) return;
    if (spec.kind === 'map' || spec.kind === 'scatter') ensureMap(spec.mapName, spec.geo);
    instance.setOption(chartOption(spec, fmt), { notMerge: true });
    instance.getZr().setCursorStyle(onSelect ? 'pointer' : 'default');
  }, [spec, fmt, empty, onSelect]);

  useEffect(() => {
    if (!showTable) chart.current?.resize();
  }, [showTable]);

  const table = useMemo(() => specTable(spec, fmt), [spec, fmt]);
  const label = spec.description ? `${spec.title}. ${spec.description}` : spec.title;

  return (
    <figure className={styles.chart} data-testid={testId} aria-labelledby={captionId}>
      <div className={styles.head}>
        <figcaption id={captionId}>{spec.title}</figcaption>
        {!empty && (
          <div className={styles.actions}>
            <button type="button" aria-pressed={showTable} onClick={() => setShowTable((v) => !v)}>
              {showTable ? t('chart.hideTable') : t('chart.table')}
            </button>
            <button
              type="button"
              onClick={() => {
                const { header, rows } = specCsv(spec);
                downloadText(csvFileName(spec.title), toCsv(header, rows));
              }}
            >
              {t('chart.csv')}
            </button>
          </div>
        )}
      </div>
      {empty ? (
        <p className={status.empty}>{t('chart.noData')}</p>
      ) : (
        <>
          <div
            ref={box}
            className={styles.canvas}
            role="img"
            aria-label={label}
            style={{ height }}
            hidden={showTable}
          />
          {showTable && <ChartTable table={table} caption={spec.title} />}
        </>
      )}
    </figure>
  );
}
