// The issuing authority the notices name: letterhead, the unit (Referat) that handles the case, the
// contact person, and where an objection is lodged. Administrators keep it in settings; until then
// a fictitious authority for the demo stands in, marked as such. Pure.
import { type FieldIssue, issue } from '../../../core/http/form';

export interface Authority {
  name: string;
  /** street, postcode and town, one line each */
  address: string;
  /** the unit (Referat) that handles the case */
  unit: string;
  contact: string;
  phone: string;
  email: string;
}

export const exampleAuthority: Authority = {
  name: 'Bundesamt für Integration und Teilhabe (Demo)',
  address: 'Musterallee 12\n53113 Bonn',
  unit: 'Referat 32 – Modellprojekte der Integration',
  contact: 'Frau Dr. Beispiel',
  phone: '+49 228 99 000-0',
  email: 'modellprojekte@bit-demo.example',
};

export const authorityOrDefault = (stored: Authority | undefined): Authority & { isDefault: boolean } =>
  stored ? { ...exampleAuthority, ...stored, isDefault: false } : { ...exampleAuthority, isDefault: true };

/** The address as lines, without empty ones. */
export const addressLines = (address: string) =>
  address
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export function authorityIssues(input: { email: string; phone: string }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) issues.push(issue('email', 'funding:notices.emailInvalid'));
  if (!/^\+?[\d\s()/-]{5,30}$/.test(input.phone)) issues.push(issue('phone', 'funding:notices.phoneInvalid'));
  return issues;
}
