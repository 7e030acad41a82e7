// Reads a Stryker mutation-report.json and prints, per mutated file, the mutation score (mutants detected by a
// test, killed or timed out, over every mutant that could be tested: detected, survived or never covered) and
// each survivor with its line and change. Exits 1 when a file scores under the goal.
import { readFileSync } from "node:fs";
import { relative } from "node:path";

const [reportPath, goalText = "80"] = process.argv.slice(2);
const goal = Number(goalText);
const report = JSON.parse(readFileSync(reportPath, "utf8"));
const detected = new Set(["Killed", "Timeout"]);
const undetected = new Set(["Survived", "NoCoverage"]);
let belowGoal = 0;

for (const [path, file] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const tested = file.mutants.filter((m) => detected.has(m.status) || undetected.has(m.status));
  if (tested.length === 0) {
    // A file outside the scope's globs: Stryker lists it with its mutants ignored.
    continue;
  }

  const killed = tested.filter((m) => detected.has(m.status)).length;
  const score = (100 * killed) / tested.length;
  const name = relative(process.cwd(), path);
  console.log(`   ${score.toFixed(1).padStart(5)}%  ${String(killed).padStart(3)}/${String(tested.length).padEnd(3)}  ${name}`);
  if (score < goal) {
    belowGoal++;
  }

  for (const mutant of tested.filter((m) => undetected.has(m.status))) {
    const change = (mutant.replacement ?? "").replace(/\s+/g, " ").slice(0, 80);
    console.log(`            ${mutant.status.toLowerCase()} line ${mutant.location.start.line}: ${mutant.mutatorName}: ${change}`);
  }
}

process.exit(belowGoal > 0 ? 1 : 0);
