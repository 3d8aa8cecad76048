/**
 * The footprint of a write: the (table, school year, campus) cells whose rows it inserted, updated or deleted,
 * both where a row was before and where it is after (an enrollment moved from campus A to campus B touches
 * both). A null school year or campus stands for all of them (a row without that column, or a change whose
 * old value was not read). What has to be brought up to date after the write is derived from it: the flow
 * counts of the enrollment cells (services/imports/records.ts), the analyses that read the tables
 * (services/analyses/inputs.ts).
 */

export interface Cell {
  readonly year: string | null;
  readonly campus: number | null;
}

export class Footprint {
  private readonly byTable = new Map<string, Map<string, Cell>>();
  // Rows come grouped by campus and year: the last cell noted is skipped without building its key.
  private last: { table: string; year: string | null; campus: number | null } | null = null;

  add(table: string, year: string | null, campus: number | null): void {
    const l = this.last;
    if (l && l.table === table && l.year === year && l.campus === campus) return;
    this.last = { table, year, campus };
    let cells = this.byTable.get(table);
    if (!cells) this.byTable.set(table, (cells = new Map<string, Cell>()));
    const key = `${year ?? '*'}|${campus ?? '*'}`;
    if (!cells.has(key)) cells.set(key, { year, campus });
  }

  /** Adds every cell of another footprint. */
  addAll(other: Footprint): void {
    for (const t of other.tables()) for (const c of other.cells(t)) this.add(t, c.year, c.campus);
  }

  tables(): string[] {
    return [...this.byTable.keys()].sort();
  }

  cells(table: string): Cell[] {
    return [...(this.byTable.get(table)?.values() ?? [])];
  }

  get empty(): boolean {
    return this.byTable.size === 0;
  }

  /** Whether some cell of `table` lies within the given years and campuses (null: any). */
  meets(table: string, years: ReadonlySet<string> | null, campuses: ReadonlySet<number> | null): boolean {
    for (const c of this.byTable.get(table)?.values() ?? [])
      if (
        (years === null || c.year === null || years.has(c.year)) &&
        (campuses === null || c.campus === null || campuses.has(c.campus))
      )
        return true;
    return false;
  }

  /**
   * The rebuild scope of the given tables' cells, per school year: the campuses touched that year, or null
   * (every campus) when a cell of that year names none; the key '*' holds cells without a year (every year).
   */
  scopeOf(tables: readonly string[]): Map<string, Set<number> | null> {
    const out = new Map<string, Set<number> | null>();
    for (const t of tables)
      for (const c of this.byTable.get(t)?.values() ?? []) {
        const y = c.year ?? '*';
        if (c.campus === null) out.set(y, null);
        else if (out.get(y) !== null) {
          const set = out.get(y) ?? new Set<number>();
          set.add(c.campus);
          out.set(y, set);
        }
      }
    return out;
  }

  /** A compact JSON form (the change log stores it): table → ["year|campus", …], '*' for all. */
  toJSON(): Record<string, string[]> {
    return Object.fromEntries(this.tables().map((t) => [t, [...(this.byTable.get(t)?.keys() ?? [])].sort()]));
  }

  static fromJSON(value: Record<string, readonly string[]>): Footprint {
    const f = new Footprint();
    for (const [t, keys] of Object.entries(value))
      for (const k of keys) {
        const [y = '*', c = '*'] = k.split('|');
        f.add(t, y === '*' ? null : y, c === '*' ? null : Number(c));
      }
    return f;
  }
}
