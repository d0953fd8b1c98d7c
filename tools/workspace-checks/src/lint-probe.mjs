// Lints code snippets as if they were files of the workspace, with the root eslint.config.mjs.
// Runs as its own Node process (ESLint loads an ESM config, which Jest's VM cannot import).
// Usage: node lint-probe.mjs <root>  with stdin = JSON [{ code, filePath }]; stdout = JSON results.
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';

const root = process.argv[2] ?? process.cwd();
const cases = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: root });
const results = [];
for (const { code, filePath } of cases) {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  results.push({
    filePath,
    messages: (result?.messages ?? []).map((m) => ({ ruleId: m.ruleId, severity: m.severity, message: m.message })),
  });
}
process.stdout.write(JSON.stringify(results));
