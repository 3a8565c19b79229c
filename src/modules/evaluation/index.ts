// Evaluation: evaluators (wissenschaftliche Begleitung) measure what the funded projects achieve.
// Its pages and tables come with the module's own step; until then it declares its role, its words
// and its demo person, so that core names none of them.
import type { ModuleManifest } from '../../core/modules';
import { evaluationDemo } from './demo';

export const evaluationModule: ModuleManifest = {
  name: 'evaluation',
  locales: ['evaluation'],
  roles: [{ name: 'evaluator', labelKey: 'evaluation:role.evaluator', staff: true }],
  demo: evaluationDemo,
};
