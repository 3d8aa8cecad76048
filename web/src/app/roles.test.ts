import { describe, expect, it } from 'vitest';
import {
  canChooseAnyCampus,
  canChooseQueueCampus,
  canImport,
  canSeeAudit,
  canSeeEscalations,
  canSeeNames,
  canSeeQueue,
  canWriteInterventions,
  isAnalyst,
  isTutor,
  landingPage,
  queueCampusIsOwn,
  queueFirst,
  ROLES,
  stateScope,
  wantsPublicReports,
  type Role,
} from './roles';

/** The roles for which a predicate holds, in ROLES order. */
function holders(rule: (user: { role: Role }) => boolean): Role[] {
  return ROLES.filter((role) => rule({ role }));
}

describe('role rules (one per predicate, taken from the server: domain/access.ts and the routes)', () => {
  it('knows the five roles of domain/enums.ts', () => {
    expect(ROLES).toEqual(['national', 'state', 'campus', 'tutor', 'analyst']);
  });
  it('isAnalyst and isTutor name one role each', () => {
    expect(holders(isAnalyst)).toEqual(['analyst']);
    expect(holders(isTutor)).toEqual(['tutor']);
  });
  it('canSeeNames: every role but analyst (canSeeIdentity)', () => {
    expect(holders(canSeeNames)).toEqual(['national', 'state', 'campus', 'tutor']);
  });
  it('wantsPublicReports: analysts only', () => {
    expect(holders(wantsPublicReports)).toEqual(['analyst']);
  });
  it('canSeeQueue and canWriteInterventions: every role that works with students', () => {
    expect(holders(canSeeQueue)).toEqual(['national', 'state', 'campus', 'tutor']);
    expect(holders(canWriteInterventions)).toEqual(['national', 'state', 'campus', 'tutor']);
  });
  it('queueFirst: the tutor’s day starts at the queue', () => {
    expect(holders(queueFirst)).toEqual(['tutor']);
  });
  it('canSeeEscalations: not tutors', () => {
    expect(holders(canSeeEscalations)).toEqual(['national', 'state', 'campus', 'analyst']);
  });
  it('queueCampusIsOwn: tutor and campus work on their own campus', () => {
    expect(holders(queueCampusIsOwn)).toEqual(['campus', 'tutor']);
  });
  it('canChooseQueueCampus: national and state coordinators', () => {
    expect(holders(canChooseQueueCampus)).toEqual(['national', 'state']);
  });
  it('canImport: national, state and campus (the API refuses tutors and analysts)', () => {
    expect(holders(canImport)).toEqual(['national', 'state', 'campus']);
  });
  it('canSeeAudit: national and state (the API answers 403 to the rest)', () => {
    expect(holders(canSeeAudit)).toEqual(['national', 'state']);
  });
  it('canChooseAnyCampus: the roles that see more than one campus', () => {
    expect(holders(canChooseAnyCampus)).toEqual(['national', 'state', 'analyst']);
  });
  it('stateScope: a state coordinator’s own state, nobody else', () => {
    expect(stateScope({ role: 'state', stateCode: '15' })).toBe('15');
    expect(stateScope({ role: 'state', stateCode: null })).toBeUndefined();
    expect(stateScope({ role: 'campus', stateCode: '15' })).toBeUndefined();
    expect(stateScope({ role: 'national', stateCode: null })).toBeUndefined();
  });
  it('landingPage sends each role to its unit', () => {
    expect(landingPage({ role: 'national', stateCode: null, campusCct: null })).toEqual({ view: 'nacional' });
    expect(landingPage({ role: 'state', stateCode: '15', campusCct: null })).toEqual({
      view: 'estado',
      unit: '15',
    });
    expect(landingPage({ role: 'campus', stateCode: '15', campusCct: '15DPT0001X' })).toEqual({
      view: 'plantel',
      unit: '15DPT0001X',
    });
    // A user whose unit is missing falls back to the national page rather than a broken link.
    expect(landingPage({ role: 'campus', stateCode: null, campusCct: null })).toEqual({ view: 'nacional' });
    // Finding 3: the tutor landed on campus statistics; their day starts at their queue.
    expect(landingPage({ role: 'tutor', stateCode: '15', campusCct: '15DPT0001X' })).toEqual({
      view: 'tutoria',
    });
    expect(landingPage({ role: 'analyst', stateCode: null, campusCct: null })).toEqual({ view: 'nacional' });
  });
});
