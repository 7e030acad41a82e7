// Parses HCL files with HashiCorp's HCL parser (compiled to wasm in @cdktf/hcl2json) and prints
// {"<file>": <the file as JSON>}; exits 1 with the parser's message on a syntax error.
// Usage: node hcl2json.mjs file.tf [file2.tf ...]
import { readFileSync } from "node:fs";
import { parse } from "@cdktf/hcl2json";

const result = {};
for (const file of process.argv.slice(2)) {
  try {
    result[file] = await parse(file, readFileSync(file, "utf8"));
  } catch (error) {
    console.error(`${file}: ${error.message ?? error}`);
    process.exit(1);
  }
}
console.log(JSON.stringify(result));
