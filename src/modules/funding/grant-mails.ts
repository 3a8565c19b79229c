// Mailing the people of a grant about one of its steps: each in their language, the link opening
// the grant's page in that language (pageLanguage), the mail named as the grant's (for its case
// history). Used by the subscribers of changes and continuations.
import type { Db } from '../../core/db/client';
import { isLang, type Lang, pageLanguage } from '../../core/i18n/i18n';
import { sendMail } from '../../core/mail/mail';
import type { AppDeps } from '../../core/modules';

type Person = { email: string; name: string; language: string };

/** The language of a mail: the reader's own, German when theirs is unknown. */
export const mailLanguage = (language: string): Lang => (isLang(language) ? language : 'de');

/** Mails each person in their language; `vars` may depend on it, `path` is the grant page the link opens. */
export async function mailAboutGrant(
  tx: Db,
  deps: AppDeps,
  people: Person[],
  o: { template: string; grantId: string; path: string; vars: (lang: Lang) => Record<string, string> },
) {
  for (const person of people) {
    const lang = mailLanguage(person.language);
    await sendMail(tx, deps.config, {
      to: person.email,
      template: o.template,
      about: { kind: 'grant', id: o.grantId },
      language: lang,
      vars: {
        ...o.vars(lang),
        name: person.name,
        link: `${deps.config.baseUrl}/${pageLanguage(person.language)}${o.path}`,
      },
    });
  }
}
