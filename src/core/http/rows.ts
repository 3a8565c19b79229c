// Repeating groups in plain HTML forms (no JavaScript): fields named "<group>-<index>-<field>".
// Rows whose fields are all empty are dropped, so a form can always offer a few blank rows.
import { str } from './form';

export function collectRows<F extends string>(body: unknown, group: string, fields: readonly F[]): Record<F, string>[] {
  const b = (body ?? {}) as Record<string, unknown>;
  const indexes = new Set<number>();
  const pattern = new RegExp(`^${group}-(\\d{1,3})-`);
  for (const key of Object.keys(b)) {
    const m = key.match(pattern);
    if (m) indexes.add(Number(m[1]));
  }
  return [...indexes]
    .sort((a, c) => a - c)
    .map((i) => Object.fromEntries(fields.map((f) => [f, str(b[`${group}-${i}-${f}`])])) as Record<F, string>)
    .filter((row) => Object.values(row).some((v) => v !== ''));
}
