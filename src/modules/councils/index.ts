// Councils: the municipal councils for migration and integration (members, elections, meetings,
// motions, OParl). Its pages and tables come with the module's own step; until then it declares its
// roles, its words and its demo people, so that core names none of them.
import type { ModuleManifest } from '../../core/modules';
import { councilsDemo } from './demo';

export const councilsModule: ModuleManifest = {
  name: 'councils',
  locales: ['councils'],
  roles: [
    { name: 'councilSecretary', labelKey: 'councils:role.councilSecretary', staff: true },
    { name: 'councilMember', labelKey: 'councils:role.councilMember' },
  ],
  demo: councilsDemo,
};
