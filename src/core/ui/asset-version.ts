// Stylesheets are cached by browsers (an hour for ours, a week for KERN's); a version in their
// address, taken from their content when the process starts, makes a deploy show at once instead
// of returning visitors seeing new pages with old styles.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 10);

/** Addresses of the stylesheets every page links, each with its content's version. */
export const stylesheets: readonly string[] = (() => {
  const kern = (require(join(root, 'node_modules/@kern-ux/native/package.json')) as { version: string }).version;
  return [
    `/assets/kern/kern.min.css?v=${kern}`,
    `/assets/kern/fonts/fira-sans.css?v=${kern}`,
    `/assets/app.css?v=${digest(join(root, 'public/app.css'))}`,
  ];
})();
