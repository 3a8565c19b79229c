// Funding's command line: importing a receipt list without the browser, with the same checks.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { translator } from '../../core/i18n/i18n';
import type { CliCommand } from '../../core/modules';
import { getGrantContext } from './grants/grants.store';
import { parseReceipts } from './reports/receipts';
import { reportPeriod } from './reports/report-rules';
import { getReport, importReceipts } from './reports/reports.store';

export const importReceiptsCommand: CliCommand = {
  name: 'import receipts',
  summary: 'Import a receipt list (CSV) into a report; all rows or none',
  usage:
    'import receipts --report REPORT_ID --file receipts.csv\n  Columns: Datum;Empfänger;Zweck;Betrag;Position (or date,payee,reason,amount,line)',
  async run(args, { db, print }) {
    const { values } = parseArgs({
      args,
      options: { report: { type: 'string' }, file: { type: 'string' } },
      strict: true,
    });
    if (!values.report || !values.file)
      throw new Error('--report and --file are required. Run with --help for details.');
    const report = /^[0-9a-f-]{36}$/i.test(values.report) ? await getReport(db, values.report) : undefined;
    if (!report) throw new Error(`No report with id ${values.report}.`);
    const grant = await getGrantContext(db, report.grantId);
    if (!grant) throw new Error(`The report's grant is missing.`);
    let text: string;
    try {
      text = readFileSync(values.file, 'utf8');
    } catch {
      throw new Error(`Cannot read ${values.file}.`);
    }
    const parsed = parseReceipts(text, reportPeriod(report, grant.grant));
    if (!parsed.ok) {
      const t = translator('en');
      const lines = parsed.errors.map((e) => `  row ${e.row}${e.column ? ` (${e.column})` : ''}: ${t(e.code)}`);
      throw new Error(`Nothing was imported; ${parsed.errors.length} problem(s):\n${lines.join('\n')}`);
    }
    const imported = await importReceipts(db, { id: null, label: 'cli' }, report.id, parsed.receipts);
    if (!imported.ok)
      throw new Error(`Nothing was imported: ${imported.issues.map((i) => translator('en')(i.key)).join(' ')}`);
    const total = parsed.receipts.reduce((s, r) => s + r.amountCents, 0);
    print(`Imported ${parsed.receipts.length} receipts, ${(total / 100).toFixed(2)} EUR in total.`);
  },
};
