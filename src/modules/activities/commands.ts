// Activities' command line: paper registrations into a seminar, with the online form's rules.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { uploadedText } from '../../core/http/uploads';
import { translator } from '../../core/i18n/i18n';
import type { CliCommand } from '../../core/modules';
import { berlinDate } from '../../core/time/calendar';
import { parseParticipants } from './seminars/participant-import';
import { getSeminar, registerMany } from './seminars/seminars.store';

export const importParticipantsCommand: CliCommand = {
  name: 'import participants',
  summary: 'Import paper registrations (CSV) into a seminar; all rows or none',
  usage:
    'import participants --seminar SEMINAR_ID --file participants.csv\n  Columns: Name;E-Mail;Sprache (de, en, tr, ar, uk, ru), and what the seminar asks:\n  Barrierefreiheit;Erstsprache;Geschlecht;Altersgruppe;Telefon\n  The paper form carries the consent; the seats go in the order of the file.',
  async run(args, { db, config, now, print }) {
    const { values } = parseArgs({
      args,
      options: { seminar: { type: 'string' }, file: { type: 'string' } },
      strict: true,
    });
    if (!values.seminar || !values.file)
      throw new Error('--seminar and --file are required. Run with --help for details.');
    const found = /^[0-9a-f-]{36}$/i.test(values.seminar) ? await getSeminar(db, values.seminar) : undefined;
    if (!found) throw new Error(`No seminar with id ${values.seminar}.`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(values.file);
    } catch {
      throw new Error(`Cannot read ${values.file}.`);
    }
    const t = translator('en');
    const text = uploadedText(bytes);
    if (!text.ok)
      throw new Error(
        `Nothing was imported: line ${text.line}: ${t(text.key === 'unreadable' ? 'activities:import.unreadable' : 'common:validation.badCharacters')}`,
      );
    const parsed = parseParticipants(text.text, found.seminar.asks);
    if (!parsed.ok) {
      const lines = parsed.errors.map((e) => `  row ${e.row}${e.column ? ` (${e.column})` : ''}: ${t(e.code)}`);
      throw new Error(`Nothing was imported; ${parsed.errors.length} problem(s):\n${lines.join('\n')}`);
    }
    const at = now();
    const result = await registerMany(db, found.seminar.id, parsed.rows, {
      now: at,
      today: berlinDate(at),
      secret: config.sessionSecret,
      actor: { id: null, label: 'cli' },
    });
    if (!result.ok)
      throw new Error(`Nothing was imported: row ${result.row}: ${result.issues.map((i) => t(i.key)).join(' ')}`);
    print(
      `Imported ${parsed.rows.length} registrations: ${result.confirmed} with a seat, ${result.waitlisted} on the waiting list.`,
    );
  },
};
