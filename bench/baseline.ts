// The yardstick: a bare Fastify server answering GET / with a static HTML page shaped like the
// app's (head, header, navigation, main with headings and paragraphs, footer), padded to about
// `--bytes N` so both servers send the same amount. The runner compares the app against it.
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { exitWithParent, signalReady } from './harness';

const i = process.argv.indexOf('--bytes');
const target = Math.max(1024, Math.min(1024 * 1024, Number(process.argv[i + 1]) || 4096));

const paragraph =
  '<p>Modellprojekte zur Integration werden gefördert, durchgeführt, ausgewertet und weitergegeben. ' +
  'Integrationsräte arbeiten hier gemeinsam an Anträgen, Sitzungen und Beschlüssen.</p>\n';

function page(bytes: number): string {
  const head =
    '<!doctype html>\n<html lang="de" dir="ltr">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>Startseite – Modellprojekte</title>\n' +
    '<link rel="stylesheet" href="/assets/kern/kern.min.css">\n<link rel="stylesheet" href="/assets/app.css">\n</head>\n' +
    '<body>\n<a class="skip-link" href="#main">Zum Inhalt springen</a>\n<header class="site-header">\n' +
    '<a class="brand" href="/de/">Modellprojekte</a>\n<nav aria-label="Hauptnavigation"><ul>\n' +
    '<li><a href="/de/">Startseite</a></li>\n<li><a href="/de/sign-in">Anmelden</a></li>\n</ul></nav>\n</header>\n' +
    '<main id="main">\n<h1>Modellprojekte</h1>\n';
  const foot =
    '</main>\n<footer class="site-footer"><ul>\n<li><a href="/de/imprint">Impressum</a></li>\n' +
    '<li><a href="/de/privacy">Datenschutz</a></li>\n<li><a href="/de/accessibility">Barrierefreiheit</a></li>\n' +
    '</ul></footer>\n</body>\n</html>\n';
  let body = '';
  let n = 0;
  while (Buffer.byteLength(head + body + foot) < bytes) {
    body += n % 4 === 0 ? `<h2>Abschnitt ${n / 4 + 1}</h2>\n${paragraph}` : paragraph;
    n++;
  }
  return head + body + foot;
}

const html = page(target);
const app = Fastify({ logger: false });
app.get('/', (_req, reply) => {
  reply.header('content-type', 'text/html; charset=utf-8').send(html);
});

exitWithParent(() => app.close());
await app.listen({ port: 0, host: '127.0.0.1' });
signalReady({ port: (app.server.address() as AddressInfo).port });
