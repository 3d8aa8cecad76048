/**
 * Scholarship payments: key (student, school year, term, period); the student is enrolled at the campus then.
 * The delay is the days from the due date to the payment (0 when paid on time or not paid yet).
 */
import { paymentsOf } from '../../../storage/imports/record-queries.js';
import { keyedHandler } from './keyed.js';
import { num, rowIssue, str } from './shared.js';

type PaymentRow = Awaited<ReturnType<typeof paymentsOf>>[number];

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

export const scholarshipPayments = keyedHandler<PaymentRow, Partial<PaymentRow>>({
  table: 'scholarship_payments',
  columns: [
    ['id', 'int'],
    ['student_id', 'int'],
    ['campus_id', 'int'],
    ['school_year', 'text'],
    ['term_no', 'int'],
    ['period', 'int'],
    ['amount', 'real'],
    ['due_date', 'text'],
    ['paid_date', 'text'],
    ['delay_days', 'int'],
  ],
  existing: (ctx, part) => paymentsOf(ctx.trx, ctx.store, part),
  presence: 'term',
  check(ctx, row) {
    const due = str(row.v.due_date);
    const paid = row.v.paid_date === null ? null : str(row.v.paid_date);
    if (paid === null || paid >= due || daysBetween(paid, due) <= 366) return true;
    rowIssue(
      ctx,
      row,
      'fecha_pago',
      paid,
      'la fecha de pago es más de un año anterior a la fecha programada',
    );
    return false;
  },
  key: (row) => `${str(row.v.school_year)}|${num(row.v.term_no)}|${num(row.v.period)}`,
  same: (p, row) =>
    p.school_year === str(row.v.school_year) &&
    p.term_no === num(row.v.term_no) &&
    p.period === num(row.v.period),
  duplicateAt: (row) => ['bimestre', String(num(row.v.period))],
  next(_ctx, row, campusId) {
    const due = str(row.v.due_date);
    const paid = row.v.paid_date === null ? null : str(row.v.paid_date);
    return {
      campus_id: campusId,
      amount: num(row.v.amount),
      due_date: due,
      paid_date: paid,
      delay_days: paid === null ? 0 : Math.max(0, daysBetween(due, paid)),
    };
  },
  insert: (_ctx, row, { id, studentId, campusId }, next) => [
    id,
    studentId,
    campusId,
    str(row.v.school_year),
    num(row.v.term_no),
    num(row.v.period),
    next.amount ?? null,
    next.due_date ?? null,
    next.paid_date ?? null,
    next.delay_days ?? null,
  ],
});
