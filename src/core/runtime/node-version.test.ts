import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nodeVersionProblem } from './node-version';

test('Node.js versions that load the ES-module dependencies start; older ones are told what to install', () => {
  for (const v of ['20.19.0', 'v20.20.2', '22.12.0', '22.20.1', '24.1.0'])
    assert.equal(nodeVersionProblem(v), undefined, v);
  for (const v of ['18.20.4', '20.18.3', '21.7.3', '22.11.0']) {
    const problem = nodeVersionProblem(v);
    assert.match(problem ?? '', /needs Node\.js 20\.19 or newer/, v);
    assert.ok(problem?.includes(`this is Node.js ${v}`), v);
  }
});

test("the running Node.js is one the platform supports (CI runs the machine's Node.js 20)", () => {
  assert.equal(nodeVersionProblem(process.versions.node), undefined);
});
