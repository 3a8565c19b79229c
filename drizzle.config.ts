import { defineConfig } from 'drizzle-kit';

// Migrations are generated from every schema.ts (core parts and modules) and committed.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/core/*/schema.ts', './src/modules/*/schema.ts'],
  out: './migrations',
});
