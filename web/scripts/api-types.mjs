// Generates src/api/generated/<service>.d.ts from the committed OpenAPI documents in openapi/ (refreshed from a
// running devstack by `./devstack/run --no-build openapi web/openapi`, checked against the live services by
// devstack's OpenApiDocumentsSystemTest), so a renamed field or path fails `tsc` in the build.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const out = new URL('../src/api/generated/', import.meta.url);
mkdirSync(out, { recursive: true });
for (const file of readdirSync(new URL('../openapi/', import.meta.url)).filter((f) => f.endsWith('.json'))) {
  const ast = await openapiTS(new URL(`../openapi/${file}`, import.meta.url));
  writeFileSync(new URL(file.replace(/\.json$/, '.d.ts'), out), astToString(ast));
  console.log(`openapi/${file} -> src/api/generated/${file.replace(/\.json$/, '.d.ts')}`);
}
