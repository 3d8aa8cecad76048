/**
 * DataTable's markup, rendered on the server side (the web tests run without a DOM): headers, sort buttons and
 * aria-sort, row headers, numeric cells, caption, empty state, filter box and CSV button, sticky header.
 * Clicks, typing and the downloaded file are checked in the browser (e2e/browser/datatable.test.ts); the sort,
 * filter and CSV functions themselves in lib/table.test.ts.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/I18nProvider';
import { DataTable, type Column, type DataTableProps } from './DataTable';
import tableStyles from './DataTable.module.css';
import sortStyles from './SortHeader.module.css';
import statusStyles from './Status.module.css';

interface Row {
  readonly cct: string;
  readonly name: string;
  readonly rate: number | null;
}

const rows: Row[] = [
  { cct: '15DPT0001X', name: 'Toluca', rate: 4.5 },
  { cct: '31DPT0002Y', name: 'Mérida', rate: 9.25 },
  { cct: '02DPT0003Z', name: 'Tijuana', rate: null },
];

const columns: Column<Row>[] = [
  { key: 'name', header: 'Plantel', cell: (r) => r.name, rowHeader: true, sort: (r) => r.name },
  { key: 'cct', header: 'CCT', cell: (r) => <code>{r.cct}</code> },
  {
    key: 'rate',
    header: 'Abandono',
    cell: (r) => (r.rate === null ? '—' : r.rate.toFixed(1)),
    numeric: true,
    sort: (r) => r.rate,
    attrs: () => ({ 'data-testid': 'rate' }),
  },
];

function html(props: Partial<DataTableProps<Row>>): string {
  return renderToStaticMarkup(
    <I18nProvider>
      <DataTable rows={rows} columns={columns} rowKey={(r) => r.cct} {...props} />
    </I18nProvider>,
  );
}

const bodyOrder = (markup: string) => [...markup.matchAll(/<th scope="row">([^<]+)</g)].map((m) => m[1]);

describe('DataTable', () => {
  it('draws headers, row headers, numeric cells and cell attributes', () => {
    const out = html({ caption: 'Planteles', region: 'Tabla de planteles', testId: 'campus-list' });
    expect(out).toContain(
      `<div class="${tableStyles.wrap ?? '?'}" tabindex="0" role="region" aria-label="Tabla de planteles">`,
    );
    expect(out).toContain('<table data-testid="campus-list"><caption>Planteles</caption>');
    expect(out).toContain('<th scope="col">CCT</th>');
    expect(out).toContain('<td class="num" data-testid="rate">9.3</td>');
    expect(out).toContain('<th scope="row">Toluca</th><td><code>15DPT0001X</code></td>');
  });

  it('gives sortable columns a button and announces the initial order with aria-sort', () => {
    const out = html({ initialSort: { key: 'rate', dir: 'desc' } });
    expect(out).toMatch(/<th scope="col" class="num" aria-sort="descending"><button[^>]*data-sort="rate"/);
    expect(out).toContain(
      `<th scope="col"><button type="button" class="${sortStyles.button}" data-sort="name">Plantel`,
    );
    expect(out).not.toMatch(/<th scope="col"[^>]*><button[^>]*data-sort="cct"/);
    expect(bodyOrder(out)).toEqual(['Mérida', 'Toluca', 'Tijuana']);
    expect(bodyOrder(html({ initialSort: { key: 'name', dir: 'asc' } }))).toEqual([
      'Mérida',
      'Tijuana',
      'Toluca',
    ]);
    expect(bodyOrder(html({}))).toEqual(['Toluca', 'Mérida', 'Tijuana']);
  });

  it('draws rows in the given order when someone else sorts (the server)', () => {
    const out = html({ sort: { key: 'rate', dir: 'asc' }, onSort: () => undefined });
    expect(out).toContain('aria-sort="ascending"');
    expect(bodyOrder(out)).toEqual(['Toluca', 'Mérida', 'Tijuana']);
  });

  it('hides the caption for screen readers only and leaves out absent columns', () => {
    const out = html({ caption: 'Planteles', captionHidden: true, columns: [columns[0], false, null] });
    expect(out).toContain('<caption class="visually-hidden">Planteles</caption>');
    expect(out).not.toContain('CCT');
  });

  it('shows the empty-state text instead of an empty table', () => {
    const empty = statusStyles.empty ?? '?';
    expect(html({ rows: [], empty: 'Sin planteles' })).toBe(`<p class="${empty}">Sin planteles</p>`);
    expect(html({ rows: [], empty: true })).toBe(`<p class="${empty}">No hay datos para mostrar.</p>`);
    expect(html({ rows: [] })).toContain('<tbody></tbody>');
  });

  it('takes its own classes from CSS modules that define them', () => {
    expect(sortStyles.button).toBeTruthy();
    expect(sortStyles.arrow).toBeTruthy();
    expect(tableStyles.tools).toBeTruthy();
    expect(tableStyles.filter).toBeTruthy();
    expect(tableStyles.stickyHead).toBeTruthy();
  });

  it('offers a filter box and a CSV button when asked, and a sticky header', () => {
    const out = html({ filter: 'Filtrar planteles', csv: 'Planteles', sticky: true, region: 'x' });
    expect(out).toMatch(/<label for="[^"]+">Filtrar planteles<\/label><input id="[^"]+" type="search"/);
    expect(out).toContain('data-testid="table-csv">Descargar CSV</button>');
    expect(out).toContain(`class="${tableStyles.wrap ?? '?'} ${tableStyles.stickyHead ?? '?'}"`);
    expect(out).toContain(`<div class="${tableStyles.tools}">`);
    expect(html({})).not.toContain(`class="${tableStyles.tools}"`);
  });
});
