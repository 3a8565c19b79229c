// Every manifest the platform runs, in order: core parts first, then the modules.
import { adminModule } from './core/admin';
import { authModule } from './core/auth';
import { contentModule } from './core/content';
import { mailModule } from './core/mail';
import type { ModuleManifest } from './core/modules';
import { activitiesModule } from './modules/activities/api';
import { councilsModule } from './modules/councils/api';
import { evaluationModule } from './modules/evaluation/api';
import { fundingModule } from './modules/funding/api';
import { networkModule } from './modules/network/api';

export const manifests: ModuleManifest[] = [
  contentModule,
  authModule,
  mailModule,
  adminModule,
  networkModule,
  fundingModule,
  activitiesModule,
  evaluationModule,
  councilsModule,
];
