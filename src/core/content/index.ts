// Owns the editable texts, instance settings and accessibility feedback (./schema.ts).
// Declares the home page and the imprint, privacy, accessibility and easy-language pages.
import type { ModuleManifest } from '../modules';
import { contentRoutes } from './content.routes';

export const contentModule: ModuleManifest = {
  name: 'content',
  routes: contentRoutes,
};
