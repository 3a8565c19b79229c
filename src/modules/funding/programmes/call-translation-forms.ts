// The form of one language's translation of a call: one optional text per German text of the
// call (an empty one leaves the German in place), and for an outdated one a box saying it still fits.
import { z } from 'zod';
import { checkbox, type FormResult, readForm, text } from '../../../core/http/form';
import type { Call } from '../types';
import { callSourceFields, maxTranslationLength } from './call-translation-rules';

export interface TranslationFormData {
  texts: Record<string, string>;
  /** fields whose unchanged translation the officer confirmed as fitting the changed German */
  confirmed: string[];
}

export function readCallTranslationForm(
  body: unknown,
  call: Pick<Call, 'title' | 'text' | 'eligibility' | 'requiredDocuments'>,
): FormResult<TranslationFormData> {
  const fields = callSourceFields(call);
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) {
    shape[f.name] = text({ max: maxTranslationLength(f.kind), optional: true });
    shape[`confirm-${f.name}`] = checkbox();
  }
  // fields the call does not have (any more) are not read: only the call's own texts are stored
  const form = readForm(z.object(shape), body);
  if (!form.ok) return form;
  const data = form.data as Record<string, string | boolean>;
  return {
    ok: true,
    values: form.values,
    data: {
      texts: Object.fromEntries(fields.map((f) => [f.name, String(data[f.name] ?? '')])),
      confirmed: fields.filter((f) => data[`confirm-${f.name}`] === true).map((f) => f.name),
    },
  };
}
