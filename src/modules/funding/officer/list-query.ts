// The officer's list of applications is a GET form: what was typed into the address becomes a
// typed filter here, and anything unknown is dropped (the page shows everything instead of a 400, as
// a search box does). Pure: no I/O.
import { isUuid, pageParam, str } from '../../../core/http/form';
import { fieldsOfAction } from '../programmes/fields-of-action';
import { cooperationForms } from '../programmes/programme-forms';

/** What an officer sees of applications: every state after the carrier's draft. */
export const listedStatuses = ['submitted', 'returned', 'invited', 'approved', 'rejected', 'waitlisted'] as const;
export type ListedStatus = (typeof listedStatuses)[number];

export const applicationSorts = ['submitted', 'title', 'amount', 'status'] as const;
export type ApplicationSort = (typeof applicationSorts)[number];

/** The Länder by the first two digits of the Amtlicher Gemeindeschlüssel. */
export const landCodes = [
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
] as const;

export const paymentStatuses = ['requested', 'approved', 'reduced', 'rejected'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export interface ApplicationQuery {
  /** words of the title or the carrier's name, or (part of) a case number */
  q: string;
  callId?: string;
  status?: ListedStatus;
  land?: string;
  field?: string;
  cooperation?: string;
  sort: ApplicationSort;
  dir: 'asc' | 'desc';
  page: number;
}

const oneOf = <T extends string>(options: readonly T[], value: string): T | undefined =>
  (options as readonly string[]).includes(value) ? (value as T) : undefined;

export function readApplicationQuery(query: unknown): ApplicationQuery {
  const q = (query ?? {}) as Record<string, unknown>;
  const call = str(q.call);
  const sort = oneOf(applicationSorts, str(q.sort)) ?? 'submitted';
  const dir = oneOf(['asc', 'desc'] as const, str(q.dir)) ?? (sort === 'title' || sort === 'status' ? 'asc' : 'desc');
  return {
    q: str(q.q).slice(0, 200),
    callId: isUuid(call) ? call : undefined,
    status: oneOf(listedStatuses, str(q.status)),
    land: oneOf(landCodes, str(q.land)),
    field: oneOf(fieldsOfAction, str(q.field)),
    cooperation: oneOf(cooperationForms, str(q.cooperation)),
    sort,
    dir,
    page: pageParam(q),
  };
}

/** The query as address parameters, without the empty ones (for links to pages, sorts and exports). */
export function applicationQueryParams(f: ApplicationQuery, change: Partial<ApplicationQuery> = {}): string {
  const v = { ...f, ...change };
  const params = new URLSearchParams();
  if (v.q) params.set('q', v.q);
  if (v.callId) params.set('call', v.callId);
  if (v.status) params.set('status', v.status);
  if (v.land) params.set('land', v.land);
  if (v.field) params.set('field', v.field);
  if (v.cooperation) params.set('cooperation', v.cooperation);
  if (v.sort !== 'submitted') params.set('sort', v.sort);
  params.set('dir', v.dir);
  if (v.page > 1) params.set('page', String(v.page));
  return params.toString();
}

export interface PaymentQuery {
  year?: number;
  programmeId?: string;
  status?: PaymentStatus;
  /** only payments whose money is still unspent six weeks after it was paid */
  unspent: boolean;
  page: number;
}

export function readPaymentQuery(query: unknown): PaymentQuery {
  const q = (query ?? {}) as Record<string, unknown>;
  const year = str(q.year);
  const programme = str(q.programme);
  return {
    year: /^\d{4}$/.test(year) ? Number(year) : undefined,
    programmeId: isUuid(programme) ? programme : undefined,
    status: oneOf(paymentStatuses, str(q.status)),
    unspent: str(q.unspent) === '1',
    page: pageParam(q),
  };
}

export function paymentQueryParams(f: PaymentQuery, change: Partial<PaymentQuery> = {}): string {
  const v = { ...f, ...change };
  const params = new URLSearchParams();
  if (v.year) params.set('year', String(v.year));
  if (v.programmeId) params.set('programme', v.programmeId);
  if (v.status) params.set('status', v.status);
  if (v.unspent) params.set('unspent', '1');
  if (v.page > 1) params.set('page', String(v.page));
  return params.toString();
}

/**
 * The application to open straight away: the search is a whole case number (any case) matching
 * exactly one listed application, on the first page, with no other filter that could hide a second.
 */
export function exactCaseNumberHit(
  f: ApplicationQuery,
  rows: readonly { id: string; caseNumber: string | null }[],
): string | undefined {
  const q = f.q.trim().toLowerCase();
  if (!q || f.callId || f.status || f.land || f.field || f.cooperation || f.page !== 1) return undefined;
  const hits = rows.filter((r) => r.caseNumber?.toLowerCase() === q);
  return hits.length === 1 ? hits[0]?.id : undefined;
}
