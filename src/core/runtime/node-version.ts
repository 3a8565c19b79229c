// Which Node.js versions run the platform. Two dependencies (cookie 2 and content-disposition 3,
// pulled in by Fastify's cookie and static plugins) are ES modules loaded through require(), which
// Node.js offers from 20.19 on the 20 line and from 22.12 on the 22 line. An older Node fails deep
// inside a plugin with an obscure error, so the start checks first and says what to install.

export const supportedNode = '^20.19.0 || >=22.12.0';

/** Why this Node.js version cannot run the platform, or undefined when it can. */
export function nodeVersionProblem(version: string): string | undefined {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const ok = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22;
  if (ok) return undefined;
  return (
    `Modellprojekte needs Node.js 20.19 or newer on the 20 line, or 22.12 or newer (${supportedNode}); ` +
    `this is Node.js ${version.replace(/^v/, '')}. Node.js 22 LTS is recommended: Node.js 20 reached its end of life in April 2026.`
  );
}
