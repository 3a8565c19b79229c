// Demo data for the operator's texts: an invented operator ("Muster-Förderstelle") fills the imprint
// and the privacy notice in German and English, saved through the same store the administration uses.
// The other languages show the English text until someone translates it (see shownContent).
import { systemActor } from '../audit/audit';
import type { Lang } from '../i18n/i18n';
import { translator } from '../i18n/i18n';
import type { DemoContext } from '../modules';
import { saveContent } from './pages';

const imprint: Record<'de' | 'en', { title: string; body: string }> = {
  de: {
    title: 'Impressum',
    body: [
      '*Beispielangaben der Demo-Instanz: Die Stelle, ihre Anschrift und alle Namen sind erfunden.*',
      '**Muster-Förderstelle für Integration** (Anstalt des öffentlichen Rechts)  \nMusterstraße 1  \n12345 Musterstadt',
      'Vertreten durch: Erika Mustermann, Leiterin der Förderstelle',
      'Telefon: 01234 56789-0  \nE-Mail: kontakt@muster-foerderstelle.example',
      'Aufsicht: Ministerium für Soziales und Integration des Landes Musterland (erfunden)',
      'Verantwortlich für den Inhalt: Max Mustermann, Anschrift wie oben',
    ].join('\n\n'),
  },
  en: {
    title: 'Legal notice',
    body: [
      '*Example details of the demo instance: the body, its address and all names are invented.*',
      '**Muster-Förderstelle für Integration** (public-law institution)  \nMusterstraße 1  \n12345 Musterstadt, Germany',
      'Represented by: Erika Mustermann, head of the funding agency',
      'Telephone: +49 1234 56789-0  \nE-mail: kontakt@muster-foerderstelle.example',
      'Supervisory authority: Ministry of Social Affairs and Integration of the State of Musterland (invented)',
      'Responsible for the content: Max Mustermann, address as above',
    ].join('\n\n'),
  },
};

const controller: Record<'de' | 'en', string> = {
  de: [
    '## Verantwortliche Stelle',
    '*Beispielangaben der Demo-Instanz, erfunden.*',
    'Muster-Förderstelle für Integration, Musterstraße 1, 12345 Musterstadt, kontakt@muster-foerderstelle.example',
    'Datenschutzbeauftragte: Dr. Petra Beispiel, datenschutz@muster-foerderstelle.example',
    'Zuständige Aufsichtsbehörde: Landesbeauftragte für Datenschutz Musterland (erfunden)',
  ].join('\n\n'),
  en: [
    '## Controller',
    '*Example details of the demo instance, invented.*',
    'Muster-Förderstelle für Integration, Musterstraße 1, 12345 Musterstadt, Germany, kontakt@muster-foerderstelle.example',
    'Data protection officer: Dr. Petra Beispiel, datenschutz@muster-foerderstelle.example',
    'Supervisory authority: State Commissioner for Data Protection of Musterland (invented)',
  ].join('\n\n'),
};

export async function contentDemo(ctx: DemoContext) {
  const actor = { ...systemActor, label: 'demo' };
  for (const lang of ['de', 'en'] as const satisfies Lang[]) {
    const t = translator(lang);
    await saveContent(ctx.db, actor, 'imprint', lang, imprint[lang], ctx.now());
    // what the platform stores comes from the catalog, so the demo says what the software does
    await saveContent(
      ctx.db,
      actor,
      'privacy',
      lang,
      {
        title: t('common:content.privacy.title'),
        body: `${t('common:content.privacy.body')}\n\n${controller[lang]}`,
      },
      ctx.now(),
    );
  }
}
