// Network's demo: organisations in the public directory, so the directory and the partner search
// show something on the day the demo is loaded. Funding's demo (which runs after this one) creates
// the organisations its applications belong to, with their own directory entries; these are the
// others: migrant organisations and carriers in several cities around Mainz and beyond, and a
// research institute. Listed since a few weeks before the load day.
import { systemActor } from '../../core/audit/audit';
import type { DemoContext } from '../../core/modules';
import { createOrganisation, type NewOrganisation } from './organisations.store';

type Entry = Omit<NewOrganisation, 'publicSince'> & { listedDaysAgo?: number };

const entries: Entry[] = [
  {
    name: 'Afghanischer Frauenverein Frankfurt e. V.',
    kind: 'migrantOrganisation',
    legalForm: 'eV',
    city: 'Frankfurt am Main',
    municipalityKey: '06412000',
    email: 'kontakt@afv-frankfurt.example',
    website: 'https://afv-frankfurt.example',
    fieldsOfWork: ['women', 'language', 'counselling', 'family'],
    languages: ['fa', 'ps', 'de'],
    communities: 'Frauen und Familien aus Afghanistan im Rhein-Main-Gebiet',
    staffCount: 2,
    volunteerCount: 35,
    partnerCapacity: 2,
    description:
      'Wir sind ein Verein von und für Frauen aus Afghanistan. Seit 2016 bieten wir Deutschkurse mit Kinderbetreuung, offene Sprechstunden zu Behördenpost und einen Frauentreff im Gallusviertel an.\n\nFür ein Modellprojekt suchen wir einen erfahrenen Träger, der mit uns die Beratung zu Ausbildung und Beruf aufbaut.',
    listedDaysAgo: 40,
  },
  {
    name: 'Eritreische Gemeinschaft Wiesbaden e. V.',
    kind: 'migrantOrganisation',
    legalForm: 'eV',
    city: 'Wiesbaden',
    municipalityKey: '06414000',
    email: 'vorstand@eritrea-wiesbaden.example',
    fieldsOfWork: ['youth', 'education', 'culture'],
    languages: ['ti', 'ar', 'de', 'en'],
    communities: 'Eritreische Familien und junge Geflüchtete',
    staffCount: 0,
    volunteerCount: 18,
    partnerCapacity: null,
    description:
      'Ehrenamtlich getragen: Hausaufgabenhilfe am Samstag, Tigrinya-Unterricht für Kinder und Begleitung junger Erwachsener bei der Suche nach einem Ausbildungsplatz.',
    listedDaysAgo: 25,
  },
  {
    name: 'Polnischer Sozialrat Mannheim e. V.',
    kind: 'migrantOrganisation',
    legalForm: 'eV',
    city: 'Mannheim',
    municipalityKey: '08222000',
    email: 'info@sozialrat-mannheim.example',
    website: 'https://sozialrat-mannheim.example',
    fieldsOfWork: ['labourMarket', 'counselling', 'housing', 'elderly'],
    languages: ['pl', 'de', 'uk'],
    communities: 'Arbeitskräfte aus Polen und der Ukraine, ältere Zugewanderte',
    staffCount: 3,
    volunteerCount: 12,
    partnerCapacity: 1,
    description:
      'Wir beraten Beschäftigte aus Mittel- und Osteuropa zu Arbeitsverträgen, Lohn und Wohnen und begleiten ältere Menschen zu Ämtern und Pflegediensten.',
    listedDaysAgo: 60,
  },
  {
    name: 'Kurdisches Elternnetzwerk Köln e. V.',
    kind: 'migrantOrganisation',
    legalForm: 'eV',
    city: 'Köln',
    municipalityKey: '05315000',
    email: 'eltern@kurdisch-koeln.example',
    fieldsOfWork: ['education', 'family', 'antiDiscrimination'],
    languages: ['ku', 'tr', 'de'],
    communities: 'Kurdische Familien in Köln-Kalk und Mülheim',
    staffCount: 1,
    volunteerCount: 22,
    partnerCapacity: 1,
    description:
      'Elterncafés an Grundschulen, Lotsinnen für die Schulanmeldung und Workshops für Eltern, deren Kinder Diskriminierung erleben.',
    listedDaysAgo: 12,
  },
  {
    name: 'Caritas-Integrationsdienste Darmstadt gGmbH',
    kind: 'carrier',
    legalForm: 'gGmbH',
    city: 'Darmstadt',
    municipalityKey: '06411000',
    email: 'integration@cid-darmstadt.example',
    website: 'https://cid-darmstadt.example',
    fieldsOfWork: ['counselling', 'labourMarket', 'language', 'women'],
    languages: ['de', 'en', 'ar', 'fa'],
    communities: 'Neuzugewanderte in Südhessen',
    staffCount: 48,
    volunteerCount: 120,
    partnerCapacity: 3,
    description:
      'Migrationsberatung, Jugendmigrationsdienst und berufsbezogene Sprachkurse in Darmstadt und im Landkreis. Wir arbeiten seit Jahren in Tandems mit Migrantenorganisationen und teilen gern Erfahrung mit Förderanträgen und Verwendungsnachweisen.',
    listedDaysAgo: 90,
  },
  {
    name: 'Volkshochschule Trier',
    kind: 'carrier',
    legalForm: 'publicBody',
    city: 'Trier',
    municipalityKey: '07211000',
    email: 'integration@vhs-trier.example',
    website: 'https://vhs-trier.example',
    fieldsOfWork: ['education', 'language', 'culture'],
    languages: ['de', 'fr', 'en'],
    communities: '',
    staffCount: 30,
    volunteerCount: 0,
    partnerCapacity: 2,
    description: 'Integrations- und Berufssprachkurse, Elternkurse und politische Bildung in der Region Trier.',
    listedDaysAgo: 70,
  },
  {
    name: 'Jugendwerk Rhein-Ruhr e. V.',
    kind: 'carrier',
    legalForm: 'eV',
    city: 'Köln',
    municipalityKey: '05315000',
    email: 'info@jugendwerk-rr.example',
    fieldsOfWork: ['youth', 'education', 'sport', 'antiDiscrimination'],
    languages: ['de', 'tr', 'en'],
    communities: 'Jugendliche in Kölner Stadtteilen mit Erneuerungsbedarf',
    staffCount: 22,
    volunteerCount: 60,
    partnerCapacity: 2,
    description:
      'Offene Jugendarbeit, Sportangebote und Bildungsprojekte gegen Rassismus. Wir suchen Migrantenorganisationen, die mit uns Angebote für Eltern und Jugendliche gestalten.',
    listedDaysAgo: 33,
  },
  {
    name: 'Institut für Migrationsforschung Mainz',
    kind: 'researchInstitute',
    legalForm: 'publicBody',
    city: 'Mainz',
    municipalityKey: '07315000',
    email: 'sekretariat@imf-mainz.example',
    fieldsOfWork: ['politicalParticipation', 'antiDiscrimination'],
    languages: ['de', 'en'],
    communities: '',
    staffCount: 14,
    volunteerCount: null,
    partnerCapacity: null,
    description:
      'Wir begleiten Modellprojekte wissenschaftlich und werten Beteiligungsformate von Migrantenorganisationen aus.',
    listedDaysAgo: 50,
  },
];

export async function networkDemo(ctx: DemoContext): Promise<void> {
  const day = 24 * 60 * 60 * 1000;
  const now = ctx.now().getTime();
  for (const { listedDaysAgo, ...entry } of entries)
    await createOrganisation(ctx.db, systemActor, {
      ...entry,
      publicSince: listedDaysAgo === undefined ? null : new Date(now - listedDaysAgo * day),
    });
}
