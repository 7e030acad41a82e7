// Lints Dockerfiles with dockerfile-utils (the language server's validator): prints one line per
// finding "file:line: severity: message" and a summary; exits 1 on any finding.
// Usage: node dockerfile-lint.mjs Dockerfile [Dockerfile ...]
import { readFileSync } from "node:fs";
import { validate } from "dockerfile-utils";

let findings = 0;
for (const file of process.argv.slice(2)) {
  for (const problem of validate(readFileSync(file, "utf8"))) {
    findings++;
    const severity = problem.severity === 1 ? "error" : problem.severity === 2 ? "warning" : "note";
    console.log(`${file}:${problem.range.start.line + 1}: ${severity}: ${problem.message}`);
  }
}
console.error(`linted ${process.argv.length - 2} Dockerfiles: ${findings} findings`);
process.exit(findings > 0 ? 1 : 0);
