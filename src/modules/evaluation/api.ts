// The evaluation module's one importable surface (ADR 0009): other modules, core, the CLI, the
// manifests and the benchmarks import from here and nowhere else in this folder.
export { evaluationModule } from './index';
