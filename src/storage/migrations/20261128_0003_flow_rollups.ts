import { sql, type Kysely } from 'kysely';

/**
 * Roll-ups of flow_counts, rebuilt with it: by campus (national, state and campus queries read a few thousand
 * rows instead of half a million) and by state and program (program queries).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('flow_counts_campus')
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('campus_id', 'integer', (c) => c.notNull())
    .addColumn('state_id', 'integer', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('mt', 'integer', (c) => c.notNull())
    .addColumn('ni1', 'integer', (c) => c.notNull())
    .addColumn('ex', 'integer', (c) => c.notNull())
    .addColumn('ap', 'integer', (c) => c.notNull())
    .addColumn('reg', 'integer', (c) => c.notNull())
    .addColumn('eg', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('flow_counts_campus_pk', ['school_year', 'campus_id', 'sex'])
    .execute();
  await db.schema
    .createTable('flow_counts_program')
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('state_id', 'integer', (c) => c.notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('mt', 'integer', (c) => c.notNull())
    .addColumn('ni1', 'integer', (c) => c.notNull())
    .addColumn('ex', 'integer', (c) => c.notNull())
    .addColumn('ap', 'integer', (c) => c.notNull())
    .addColumn('reg', 'integer', (c) => c.notNull())
    .addColumn('eg', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('flow_counts_program_pk', ['school_year', 'state_id', 'program_id', 'sex'])
    .execute();
  // A database that already has flow counts gets its roll-ups now.
  const sums = sql`sum(fc.mt), sum(fc.ni1), sum(fc.ex), sum(fc.ap), sum(fc.reg), sum(fc.eg)`;
  await sql`insert into flow_counts_campus (school_year, campus_id, state_id, sex, mt, ni1, ex, ap, reg, eg)
    select fc.school_year, fc.campus_id, c.state_id, fc.sex, ${sums}
    from flow_counts fc join campuses c on c.id = fc.campus_id
    group by fc.school_year, fc.campus_id, c.state_id, fc.sex`.execute(db);
  await sql`insert into flow_counts_program (school_year, state_id, program_id, sex, mt, ni1, ex, ap, reg, eg)
    select fc.school_year, c.state_id, fc.program_id, fc.sex, ${sums}
    from flow_counts fc join campuses c on c.id = fc.campus_id
    group by fc.school_year, c.state_id, fc.program_id, fc.sex`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('flow_counts_program').ifExists().execute();
  await db.schema.dropTable('flow_counts_campus').ifExists().execute();
}
