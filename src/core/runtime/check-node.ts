// Imported first by every entry point (server, command line): ES modules evaluate their imports in
// order, so this runs before any plugin that would fail on an old Node.js.
import { nodeVersionProblem } from './node-version';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(1);
}
