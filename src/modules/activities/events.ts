// The events activities emits (ADR 0011). Payloads carry ids only: the personal data stay in the
// registrations table, where withdrawal of consent can erase them.
import type { DomainEvent } from '../../core/events/events';

/** Someone registered for a seminar: a seat, or a place on the waiting list. */
export type SeminarRegistered = DomainEvent<
  'seminar.registered',
  { registrationId: string; status: 'confirmed' | 'waitlisted' }
>;

/** A waiting registration got a seat that was freed. */
export type SeminarMovedUp = DomainEvent<'seminar.moved-up', { registrationId: string }>;
