// Validates every object of the given YAML streams against the official schemas: Kubernetes
// (kubernetes-models) and the CRDs we emit (Argo Rollouts, External Secrets, cert-manager,
// Prometheus Operator), and refuses fields those schemas do not know (a misspelled field would
// validate, then be dropped by the API server). Prints one line per problem and a summary; exits 1 on
// any problem.
// Usage: node validate.mjs rendered-1.yaml [rendered-2.yaml ...]
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { unknownFields } from "./known-fields.mjs";

const crdPackages = {
  "argoproj.io": "@kubernetes-models/argo-rollouts",
  "external-secrets.io": "@kubernetes-models/external-secrets",
  "cert-manager.io": "@kubernetes-models/cert-manager",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "cloud.google.com": "@kubernetes-models/gke",
};

function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "") return `kubernetes-models/${version}/${kind}`;
  if (crdPackages[group]) return `${crdPackages[group]}/${group}/${version}/${kind}`;
  if (!group.includes(".") || group.endsWith(".k8s.io")) return `kubernetes-models/${group}/${version}/${kind}`;
  return null;
}

let objects = 0;
const problems = [];
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      problems.push(`${file}: YAML error: ${document.errors[0].message}`);
      continue;
    }
    const object = document.toJS();
    if (object === null) continue;
    objects++;
    const where = `${file}: ${object.apiVersion}/${object.kind} ${object.metadata?.name}`;
    const path = modulePath(object.apiVersion ?? "", object.kind ?? "");
    if (path === null) {
      problems.push(`${where}: no schema known for this API group`);
      continue;
    }
    let model;
    try {
      model = (await import(path))[object.kind];
    } catch {
      problems.push(`${where}: no schema for ${object.apiVersion} ${object.kind} (removed or unknown API)`);
      continue;
    }
    try {
      new model(object).validate();
    } catch (error) {
      problems.push(`${where}: ${error.message}`);
      continue;
    }
    for (const field of unknownFields(object, (data) => model.prototype.validate.call(data))) {
      problems.push(`${where}: unknown field ${field}`);
    }
  }
}

for (const problem of problems) console.log(problem);
console.log(`validated ${objects} objects, ${problems.length} problem(s)`);
process.exit(problems.length === 0 && objects > 0 ? 0 : 1);
