/** What every route handler gets: the services' dependencies and, after authentication, the user's scope. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Scope } from '../domain/access.js';
import type { AnalysisRunner } from '../services/analyses/index.js';
import type { SessionCache } from '../services/accounts/index.js';
import type { Pseudonymizer } from '../services/accounts/index.js';
import type { ResultCache } from '../services/operations/index.js';
import type { Database } from '../storage/schema.js';
import type { UserRecord } from '../storage/users.js';

export interface ApiDeps {
  readonly db: Kysely<Database>;
  readonly config: Config;
  readonly pseudonyms: Pseudonymizer;
  /** Latest school year in the data (tutor groups, defaults). */
  readonly currentYear: string;
  readonly now: () => Date;
  readonly log: (entry: Record<string, unknown>) => void;
  /** Aggregate results by query and scope, emptied when the data changes. */
  readonly cache: ResultCache;
  /** Session tokens resolved to users and scopes, kept briefly (services/accounts/auth.ts). */
  readonly sessions: SessionCache;
  /** Heavy analyses and record imports off the HTTP thread, cached by data version (services/analyses/). */
  readonly analyses: AnalysisRunner;
}

export interface ApiEnv {
  Variables: {
    requestId: string;
    user: UserRecord;
    scope: Scope;
  };
}

export type Api = OpenAPIHono<ApiEnv>;
