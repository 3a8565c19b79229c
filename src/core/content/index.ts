// Owns the editable texts, instance settings and accessibility feedback (./schema.ts).
// Declares the home page and the imprint, privacy, accessibility and easy-language pages, and the
// demo operator's imprint and privacy notice.
import type { ModuleManifest } from '../modules';
import { contentRoutes } from './content.routes';
import { contentDemo } from './demo';

export const contentModule: ModuleManifest = {
  name: 'content',
  routes: contentRoutes,
  demo: contentDemo,
};
