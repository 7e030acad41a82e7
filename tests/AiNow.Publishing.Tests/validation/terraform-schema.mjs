// Offline Terraform provider-schema checker.
//
// Parses every .tf file under the given directories with HashiCorp's HCL parser (@cdktf/hcl2json) and
// checks each `provider`, `resource` and `data` block of the pinned providers (aws, google, digitalocean,
// helm, kubernetes, random, tls, vault; schemas from terraform-schema-extract.mjs) for unknown
// arguments / nested blocks / types, missing required arguments / blocks, block-vs-argument syntax,
// too many single blocks and literal type mismatches. Expressions (hcl2json renders them as "${...}")
// are accepted anywhere.
//
// Usage: node terraform-schema.mjs [--json] [--verbose] <dir-or-file>...
//   text: one line per error "file:block: message (line N)", then
//         "checked N blocks in M files against <providers>: E errors"; exit 1 when E > 0.
//   --json: [{file, block, message, line}] on stdout (summary on stderr); same exit code.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "@cdktf/hcl2json";
import { scanHcl } from "./hcl-structure.mjs";
import { loadSchema, PROVIDERS, providerInfo } from "./terraform-schema-extract.mjs";

const RESOURCE_META = new Set(["count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"]);
const DATA_META = new Set(["count", "for_each", "depends_on", "provider", "lifecycle"]);
const PROVIDER_META = new Set(["alias", "version"]);
const LIFECYCLE_KEYS = {
  resource: new Set(["create_before_destroy", "prevent_destroy", "ignore_changes", "replace_triggered_by", "precondition", "postcondition"]),
  data: new Set(["precondition", "postcondition"]),
};
const META_BLOCKS = new Set(["lifecycle", "provisioner", "connection"]);

// ---------------------------------------------------------------------------------------------------------

const schemas = new Map();
function schemaFor(provider) {
  if (!schemas.has(provider)) schemas.set(provider, loadSchema(provider, { log: (m) => process.stderr.write(`${m}\n`) }));
  return schemas.get(provider);
}
const providerOfType = (type) => {
  const prefix = type.split("_")[0];
  return Object.hasOwn(PROVIDERS, prefix) ? prefix : undefined;
};

const seg = (path, name) => [...path, `${path.length ? "." : ""}${name}`];
const isExpression = (v) => typeof v === "string" && v.includes("${");
const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isBlockList = (v) => Array.isArray(v) && v.every(isPlainObject);
const NUMBER = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

function describe(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)}`;
  return `${typeof v === "boolean" ? "bool" : typeof v} ${v}`;
}

function typeName(t) {
  if (!t) return "any";
  if (t.kind === "object") return "object";
  if (t.element) return `${t.kind} of ${typeName(t.element)}`;
  return t.kind;
}

function levenshtein(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let x = 1; x <= a.length; x++) {
    let prev = row[0];
    row[0] = x;
    for (let y = 1; y <= b.length; y++) {
      const tmp = row[y];
      row[y] = Math.min(row[y] + 1, row[y - 1] + 1, prev + (a[x - 1] === b[y - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

function suggest(name, candidates) {
  let best, bestScore = Infinity;
  for (const c of candidates) {
    const d = levenshtein(name, c);
    if (d < bestScore) { best = c; bestScore = d; }
  }
  if (best !== undefined && bestScore <= Math.max(2, Math.floor(name.length / 4))) return ` (did you mean "${best}"?)`;
  const prefixed = name.length >= 4 ? candidates.filter((c) => c.startsWith(name) || name.startsWith(c)) : [];
  return prefixed.length === 1 ? ` (did you mean "${prefixed[0]}"?)` : "";
}

function literalForm(name, arg) {
  if (arg.kind === "object") return `${name} = { ... }`;
  if (arg.kind === "list" || arg.kind === "set") return arg.element?.kind === "object" ? `${name} = [{ ... }]` : `${name} = [ ... ]`;
  if (arg.kind === "map") return `${name} = { key = ... }`;
  return `${name} = <${arg.kind}>`;
}

// ---------------------------------------------------------------------------------------------------------

class Checker {
  constructor() {
    this.errors = [];
    this.blocks = 0;
    this.files = 0;
    this.providersUsed = new Set();
    this.skipped = [];
    this.warnings = [];
    this.seen = new Map(); // module dir + address -> "file:line"
  }

  error(ctx, path, message, line) {
    const where = path.length ? `${path.join("")}: ` : "";
    this.errors.push({ file: ctx.file, block: ctx.block, message: `${where}${message}`, line: line ?? ctx.line });
  }

  async checkFile(file, display) {
    this.files++;
    const text = readFileSync(file, "utf8");
    let json;
    try {
      json = await parse(file, text);
    } catch (e) {
      this.errors.push({ file: display, block: "(file)", message: `HCL parse error: ${String(e.message ?? e).trim()}` });
      return;
    }
    const tree = scanHcl(text);
    const lexTop = (kind, labels) => tree.blocks.filter((b) => b.type === kind && labels.every((l, k) => b.labels[k] === l));
    const moduleDir = dirname(resolve(file));

    for (const [name, bodies] of Object.entries(json.provider ?? {})) {
      if (!Object.hasOwn(PROVIDERS, name)) continue;
      const lex = lexTop("provider", [name]);
      bodies.forEach((body, k) => {
        const alias = typeof body.alias === "string" ? `.${body.alias}` : "";
        const ctx = this.context(display, `provider.${name}${alias}`, lex[k], name);
        this.blocks++;
        this.remember(moduleDir, `provider.${name}${alias}`, ctx);
        this.checkBody(ctx, body, lex[k]?.body, this.def(name), [], "provider");
      });
    }
    for (const kind of ["resource", "data"]) {
      for (const [type, byName] of Object.entries(json[kind] ?? {})) {
        const provider = providerOfType(type);
        if (!provider) continue;
        for (const [label, bodies] of Object.entries(byName)) {
          const lex = lexTop(kind, [type, label]);
          bodies.forEach((body, k) => {
            const address = `${kind === "data" ? "data." : ""}${type}.${label}`;
            if (typeof body.provider === "string" && /^\$\{google-beta\b/.test(body.provider)) {
              this.skipped.push(`${display}:${address} (provider google-beta)`);
              return;
            }
            const ctx = this.context(display, address, lex[k], provider);
            this.blocks++;
            this.remember(moduleDir, address, ctx);
            const schema = schemaFor(provider);
            const table = kind === "data" ? schema.data_sources : schema.resources;
            if (!Object.hasOwn(table, type)) {
              this.error(ctx, [], `unknown ${kind === "data" ? "data source" : "resource"} type "${type}" in ${schema.source} ${schema.version}${suggest(type, Object.keys(table))}`);
              return;
            }
            this.checkBody(ctx, body, lex[k]?.body, schema.defs[table[type]], [], kind);
          });
        }
      }
    }
    this.noteRequiredProviders(display, json.terraform ?? []);
  }

  context(file, block, lexBlock, provider) {
    this.providersUsed.add(provider);
    const base = file.split(/[\\/]/).pop();
    const partial = base === "override.tf" || base.endsWith("_override.tf");
    return { file, block, line: lexBlock?.line, schema: schemaFor(provider), partial };
  }

  def(provider) {
    const schema = schemaFor(provider);
    return schema.defs[schema.provider_config];
  }

  remember(moduleDir, address, ctx) {
    if (ctx.partial) return;
    const key = `${moduleDir}\0${address}`;
    const here = `${ctx.file}:${ctx.line ?? "?"}`;
    if (this.seen.has(key)) this.error(ctx, [], `duplicate ${address.startsWith("provider.") ? "provider configuration" : "block"} ${address} (first defined at ${this.seen.get(key)})`);
    else this.seen.set(key, here);
  }

  // Checks one block body against a schema def. `kind` is resource | data | provider | nested | object-as-block.
  checkBody(ctx, body, lex, def, path, kind) {
    if (!def || !isPlainObject(body)) return;
    const attrs = def.attributes ?? {};
    const blocks = def.blocks ?? {};
    const meta = kind === "resource" ? RESOURCE_META : kind === "data" ? DATA_META : kind === "provider" ? PROVIDER_META : new Set();
    const present = new Set();

    if (kind === "resource" || kind === "data") {
      if ("count" in body && "for_each" in body) this.error(ctx, path, `"count" and "for_each" cannot be used together`, lex?.attrs.get("for_each")?.line);
    }

    for (const [key, value] of Object.entries(body)) {
      const lexAttr = lex?.attrs.get(key);
      const lexBlocks = lex ? lex.blocks.filter((b) => b.type === key) : [];
      const syntax = lexAttr ? "attribute" : lexBlocks.length ? "block" : undefined;
      const line = lexAttr?.line ?? lexBlocks[0]?.line;

      if (key === "dynamic" && !Object.hasOwn(attrs, "dynamic") && isPlainObject(value) && syntax !== "attribute") {
        this.checkDynamic(ctx, value, lex, def, path, kind, present);
        continue;
      }
      if (meta.has(key) && !Object.hasOwn(attrs, key)) {
        present.add(key);
        this.checkMeta(ctx, key, value, syntax, lexBlocks, path, kind, line);
        continue;
      }
      if (Object.hasOwn(blocks, key)) {
        present.add(key);
        const block = blocks[key];
        if (syntax === "attribute" || !isBlockList(value)) {
          this.error(ctx, seg(path, key), `"${key}" is a nested block, not an argument: write ${key} { ... }${block.max === 1 ? "" : " (repeat the block, or use a dynamic block)"} instead of ${key} = ...`, line);
          continue;
        }
        // Only static blocks are counted: a dynamic block may expand to nothing.
        if (block.max !== undefined && value.length > block.max) {
          this.error(ctx, seg(path, key), `too many "${key}" blocks: at most ${block.max} allowed, found ${value.length}`, lexBlocks[block.max]?.line ?? line);
        }
        value.forEach((item, k) => {
          const labels = lexBlocks[k]?.labels ?? [];
          if (labels.length) this.error(ctx, seg(path, key), `block "${key}" takes no labels, found ${labels.map((l) => JSON.stringify(l)).join(" ")}`, lexBlocks[k].line);
          const sub = seg(path, block.max === 1 && value.length === 1 ? key : `${key}[${k}]`);
          if (!block.opaque) this.checkBody(ctx, item, lexBlocks[k]?.body, ctx.schema.defs[block.schema], sub, "nested");
        });
        continue;
      }
      if (Object.hasOwn(attrs, key)) {
        present.add(key);
        const arg = attrs[key];
        if (syntax === "block") {
          const blockSyntaxAllowed = arg.structural === "object" && (arg.kind === "list" || arg.kind === "set");
          if (!blockSyntaxAllowed) {
            const what = arg.structural === "nested-attribute" ? "a nested attribute" : "an argument";
            this.error(ctx, seg(path, key), `"${key}" is ${what} (${typeName(arg)}), not a block: write ${literalForm(key, arg)} instead of ${key} { ... }`, line);
            continue;
          }
          // Terraform's attributes-as-blocks fix-up: list/set of object may be written as repeated blocks.
          value.forEach((item, k) => this.checkBody(ctx, item, lexBlocks[k]?.body, ctx.schema.defs[arg.element.schema], seg(path, `${key}[${k}]`), "object-as-block"));
          continue;
        }
        this.checkValue(ctx, value, arg, seg(path, key), line);
        continue;
      }
      // Unknown name.
      const sub = seg(path, key);
      const candidates = [...Object.keys(attrs), ...Object.keys(blocks)];
      if (syntax === "block" || (syntax === undefined && isBlockList(value) && value.length)) {
        this.error(ctx, sub, `unknown nested block type "${key}"${suggest(key, candidates)}`, line);
      } else {
        this.error(ctx, sub, `unknown argument "${key}"${suggest(key, candidates)}`, line);
      }
    }

    if (kind === "object-as-block") return; // blocks written for list(object) attributes: omitted keys become null
    if (ctx.partial) return; // override files only hold the arguments they change
    for (const [name, arg] of Object.entries(attrs)) {
      if (arg.required && !present.has(name)) this.error(ctx, path, `missing required argument "${name}"`);
    }
    for (const [name, block] of Object.entries(blocks)) {
      if (block.required && !present.has(name)) this.error(ctx, path, `missing required block "${name}" (at least ${block.min ?? 1})`);
    }
  }

  checkDynamic(ctx, dynamic, lex, def, path, kind, present) {
    const lexDynamics = lex ? lex.blocks.filter((b) => b.type === "dynamic") : [];
    for (const [name, entries] of Object.entries(dynamic)) {
      const lexFor = lexDynamics.filter((b) => b.labels[0] === name);
      const sub = seg(path, `dynamic "${name}"`);
      const line = lexFor[0]?.line;
      const block = def.blocks?.[name];
      const arg = def.attributes?.[name];
      if (!Array.isArray(entries)) { this.error(ctx, sub, `malformed dynamic block`, line); continue; }
      if (!block) {
        if (arg && arg.structural === "object" && (arg.kind === "list" || arg.kind === "set")) {
          // allowed through the attributes-as-blocks fix-up
        } else if (arg) {
          this.error(ctx, sub, `"${name}" is ${arg.structural === "nested-attribute" ? "a nested attribute" : "an argument"} (${typeName(arg)}), not a block type: dynamic blocks can only generate nested blocks; use ${literalForm(name, arg)} with a for expression`, line);
          continue;
        } else if (META_BLOCKS.has(name) && kind !== "nested") {
          this.error(ctx, sub, `meta-argument block "${name}" cannot be generated with dynamic`, line);
          continue;
        } else {
          const candidates = [...Object.keys(def.blocks ?? {}), ...Object.keys(def.attributes ?? {})];
          this.error(ctx, sub, `unknown nested block type "${name}"${suggest(name, candidates)}`, line);
          continue;
        }
      }
      present.add(name);
      entries.forEach((entry, k) => {
        const lexEntry = lexFor[k];
        for (const key of Object.keys(entry)) {
          if (!["for_each", "iterator", "labels", "content"].includes(key)) this.error(ctx, sub, `unknown argument "${key}" in dynamic block (expected for_each, iterator, labels, content)`, lexEntry?.attrs.get(key)?.line ?? lexEntry?.line);
        }
        if (!("for_each" in entry)) this.error(ctx, sub, `dynamic block needs a "for_each" argument`, lexEntry?.line);
        const content = entry.content;
        if (!isBlockList(content) || content.length !== 1) {
          this.error(ctx, sub, `dynamic block needs exactly one "content" block`, lexEntry?.line);
          return;
        }
        const lexContent = lexEntry?.body.blocks.find((b) => b.type === "content");
        if (block?.opaque) return;
        const target = block ? ctx.schema.defs[block.schema] : ctx.schema.defs[arg.element.schema];
        this.checkBody(ctx, content[0], lexContent?.body, target, seg(sub, "content"), block ? "nested" : "object-as-block");
      });
    }
  }

  checkMeta(ctx, key, value, syntax, lexBlocks, path, kind, line) {
    if (key === "lifecycle") {
      if (syntax === "attribute" || !isBlockList(value)) { this.error(ctx, path, `"lifecycle" is a block: write lifecycle { ... }`, line); return; }
      if (value.length > 1) this.error(ctx, path, `only one "lifecycle" block is allowed`, lexBlocks[1]?.line ?? line);
      for (const item of value) {
        for (const k of Object.keys(item)) {
          if (!LIFECYCLE_KEYS[kind].has(k)) this.error(ctx, seg(path, "lifecycle"), `unknown lifecycle argument "${k}"${suggest(k, [...LIFECYCLE_KEYS[kind]])}`, line);
        }
      }
      return;
    }
    if (key === "connection" || key === "provisioner") {
      if (syntax === "attribute" || !(key === "provisioner" ? isPlainObject(value) : isBlockList(value))) this.error(ctx, path, `"${key}" is a block`, line);
      return;
    }
    if (syntax === "block") { this.error(ctx, path, `"${key}" is an argument, not a block: write ${key} = ...`, line); return; }
    if (key === "count" && !isExpression(value) && !(typeof value === "number" || (typeof value === "string" && NUMBER.test(value)))) {
      this.error(ctx, path, `"count" must be a whole number, got ${describe(value)}`, line);
    }
    if (key === "depends_on" && !Array.isArray(value)) this.error(ctx, path, `"depends_on" must be a list of references`, line);
    if ((key === "alias" || key === "version") && typeof value !== "string") this.error(ctx, path, `"${key}" must be a string, got ${describe(value)}`, line);
  }

  // Literal type check; expressions ("${...}") and null are accepted for any type.
  checkValue(ctx, value, type, path, line) {
    if (value === null || value === undefined || isExpression(value) || !type || type.kind === "any") return;
    const bad = (expected) => this.error(ctx, path, `expected ${expected}, got ${describe(value)}`, line);
    switch (type.kind) {
      case "string":
        if (typeof value === "object") bad("string");
        return;
      case "number":
        if (typeof value === "number") return;
        if (typeof value === "string" && NUMBER.test(value)) return;
        bad("number");
        return;
      case "bool":
        if (typeof value === "boolean") return;
        if (typeof value === "string" && ["true", "false", "1", "0"].includes(value)) return;
        bad("bool");
        return;
      case "list":
      case "set":
        if (!Array.isArray(value)) { bad(typeName(type)); return; }
        value.forEach((v, k) => this.checkValue(ctx, v, type.element, [...path, `[${k}]`], line));
        return;
      case "map":
        if (!isPlainObject(value)) { bad(typeName(type)); return; }
        for (const [k, v] of Object.entries(value)) this.checkValue(ctx, v, type.element, [...path, `[${JSON.stringify(k)}]`], line);
        return;
      case "object": {
        if (!isPlainObject(value)) { bad("object"); return; }
        const def = ctx.schema.defs[type.schema];
        const attrs = def?.attributes ?? {};
        for (const [k, v] of Object.entries(value)) {
          if (isExpression(k)) continue;
          if (!Object.hasOwn(attrs, k)) { this.error(ctx, [...path, `.${k}`], `unknown attribute "${k}"${suggest(k, Object.keys(attrs))}`, line); continue; }
          this.checkValue(ctx, v, attrs[k], [...path, `.${k}`], line);
        }
        for (const [k, a] of Object.entries(attrs)) {
          if (a.required && !(k in value)) this.error(ctx, path, `missing required attribute "${k}"`, line);
        }
        return;
      }
      default:
    }
  }

  noteRequiredProviders(file, terraformBlocks) {
    for (const tf of terraformBlocks) {
      for (const rp of tf.required_providers ?? []) {
        for (const [local, spec] of Object.entries(rp ?? {})) {
          if (!isPlainObject(spec) || typeof spec.version !== "string" || isExpression(spec.version)) continue;
          const source = String(spec.source ?? `hashicorp/${local}`).replace(/^registry\.terraform\.io\//, "").toLowerCase();
          const name = Object.keys(PROVIDERS).find((p) => providerInfo(p).source === source);
          if (!name) continue;
          const { version } = providerInfo(name);
          if (!satisfies(version, spec.version)) {
            this.warnings.push(`${file}: required_providers.${local} = "${spec.version}" does not allow ${source} ${version}, the version these schemas come from`);
          }
        }
      }
    }
  }
}

// Terraform version constraints: =, !=, >, >=, <, <=, ~> (comma-separated, all must hold).
function satisfies(version, constraint) {
  const parse3 = (s) => s.split("-")[0].split(".").map((x) => Number(x));
  const cmp = (a, b) => {
    for (let k = 0; k < 3; k++) { const d = (a[k] ?? 0) - (b[k] ?? 0); if (d) return Math.sign(d); }
    return 0;
  };
  const v = parse3(version);
  return constraint.split(",").every((part) => {
    const m = /^\s*(=|!=|>=|<=|>|<|~>)?\s*v?([\d.]+(?:-[\w.]+)?)\s*$/.exec(part);
    if (!m) return true;
    const op = m[1] ?? "=";
    const target = parse3(m[2]);
    const c = cmp(v, target);
    switch (op) {
      case "=": return c === 0;
      case "!=": return c !== 0;
      case ">": return c > 0;
      case ">=": return c >= 0;
      case "<": return c < 0;
      case "<=": return c <= 0;
      case "~>": {
        const segments = m[2].split("-")[0].split(".").length;
        if (c < 0) return false;
        const upper = segments <= 1 ? [Infinity] : segments === 2 ? [target[0] + 1, 0, 0] : [target[0], target[1] + 1, 0];
        return cmp(v, upper) < 0;
      }
      default: return true;
    }
  });
}

function findTerraformFiles(paths) {
  const files = [];
  const walk = (p) => {
    const st = statSync(p);
    if (st.isFile()) { if (p.endsWith(".tf")) files.push(p); return; }
    for (const entry of readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isDirectory()) {
        if (entry.name === ".terraform" || entry.name === "node_modules" || entry.name.startsWith(".git")) continue;
        walk(join(p, entry.name));
      } else if (entry.name.endsWith(".tf")) files.push(join(p, entry.name));
    }
  };
  for (const p of paths) walk(p);
  return files;
}

export async function checkPaths(paths) {
  const checker = new Checker();
  const files = findTerraformFiles(paths);
  for (const file of files) {
    const rel = relative(process.cwd(), file);
    await checker.checkFile(file, rel.startsWith("..") ? file : rel);
  }
  const order = (e) => [e.file, e.line ?? 0];
  checker.errors.sort((a, b) => {
    const [fa, la] = order(a), [fb, lb] = order(b);
    return fa < fb ? -1 : fa > fb ? 1 : la - lb;
  });
  const providers = [...checker.providersUsed].sort().map((p) => `${p} ${schemaFor(p).version}`);
  return { errors: checker.errors, warnings: checker.warnings, skipped: checker.skipped, blocks: checker.blocks, files: files.length, providers };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const paths = args.filter((a) => !a.startsWith("--"));
  if (paths.length === 0) {
    console.error("usage: node terraform-schema.mjs [--json] [--verbose] <dir-or-file>...");
    process.exit(2);
  }
  let result;
  try {
    result = await checkPaths(paths);
  } catch (e) {
    console.error(`terraform-schema: ${e.message ?? e}`);
    process.exit(2);
  }
  const summary = `checked ${result.blocks} blocks in ${result.files} files against ${result.providers.join(", ") || "no provider schemas"}: ${result.errors.length} errors`;
  for (const w of result.warnings) console.error(`warning: ${w}`);
  if (result.skipped.length) {
    console.error(`skipped ${result.skipped.length} blocks bound to provider google-beta (no schema for it)${args.includes("--verbose") ? `:\n  ${result.skipped.join("\n  ")}` : " (--verbose lists them)"}`);
  }
  if (json) {
    console.log(JSON.stringify(result.errors, null, 2));
    console.error(summary);
  } else {
    for (const e of result.errors) console.log(`${e.file}:${e.block}: ${e.message}${e.line ? ` (line ${e.line})` : ""}`);
    console.log(summary);
  }
  process.exit(result.errors.length ? 1 : 0);
}
