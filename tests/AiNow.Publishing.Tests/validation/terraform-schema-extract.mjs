// Extracts compact Terraform provider schemas from the pinned @cdktf/provider-* npm packages, offline.
//
// Every prebuilt cdktf provider package carries the provider's complete argument tree in its jsii
// assembly (.jsii, plain JSON): one class per resource / data source / provider whose docs link names
// the Terraform type, a Config interface per class and one interface per nested block or nested
// attribute. The generated JavaScript (lib/**/index.js) adds what the jsii leaves out: whether a
// collection is a list or a set and whether a single nested block is `nesting_mode = "single"`.
//
// How cdktf encodes the Terraform schema (hashicorp/terraform-cdk, provider-generator resource-parser.ts):
//   * HCL name: the anchor of the "Docs at Terraform Registry: {@link ...#<hcl_name> ...}" doc line
//     (property names are camelCased and sometimes renamed: selfAttribute -> self, fetchUserData -> get_user_data).
//   * a nested *block* gets the description "<hcl_name> block"; nested attributes (protocol-6 nested_type,
//     e.g. helm 3 `set = [...]`, `kubernetes = {...}`) and object-typed attributes keep their own text.
//   * block min_items > 0 => property not optional; list/set block with max_items = 1 => a single interface.
//   * nested_type children carry their own optional/required; children of a cty object type copy the
//     parent's flag (so "all children mirror the parent and have no descriptions" => object type).
//   * attributes of type `dynamic` become map<any>, so map<any> is treated as "any".
//
// Output (one file per provider, <validation>/.schema-cache/<provider>-<version>.json):
//   { provider, source, version, package, packageVersion, extractor,
//     provider_config: "<def id>", resources: {type: "<def id>"}, data_sources: {type: "<def id>"},
//     defs: { "<def id>": { attributes: {name: Arg}, blocks: {name: Block} } } }
//   Arg   = { required, kind: string|number|bool|list|set|map|object|any, element?: Type, schema?: "<def id>",
//             structural?: "nested-attribute" | "object" }   (object: a cty object type; list/set of those
//             may also be written in block syntax, Terraform's "attributes as blocks" fix-up)
//   Type  = { kind, element?, schema? }
//   Block = { required, min?, max?, nesting: list|set|single|map, schema: "<def id>" }
//           (or opaque: true instead of schema where cdktf skipped the block's contents)
// Nested blocks reference defs by id because some schemas are recursive (cdktf breaks the loops that way too).
//
// Usage: node terraform-schema-extract.mjs [--force] [provider ...]   (default: all providers)
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

export const EXTRACTOR_VERSION = 2;
const here = dirname(fileURLToPath(import.meta.url));
export const CACHE_DIR = join(here, ".schema-cache");

// Terraform local provider name -> npm package. Resource/data types are "<name>_..."
export const PROVIDERS = {
  aws: "@cdktf/provider-aws",
  google: "@cdktf/provider-google",
  digitalocean: "@cdktf/provider-digitalocean",
  helm: "@cdktf/provider-helm",
  kubernetes: "@cdktf/provider-kubernetes",
  random: "@cdktf/provider-random",
  tls: "@cdktf/provider-tls",
  vault: "@cdktf/provider-vault",
};

function packageDir(pkg) {
  return join(here, "node_modules", ...pkg.split("/"));
}

export function providerInfo(name) {
  const pkg = PROVIDERS[name];
  if (!pkg) throw new Error(`unknown provider ${name}`);
  const dir = packageDir(pkg);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const source = manifest.cdktf?.provider?.name ?? `registry.terraform.io/hashicorp/${name}`;
  const version = manifest.cdktf?.provider?.version;
  if (!version) throw new Error(`${pkg}: package.json has no cdktf.provider.version`);
  return {
    name, pkg, dir, source: source.replace(/^registry\.terraform\.io\//, ""), version,
    packageVersion: manifest.version,
    cacheFile: join(CACHE_DIR, `${name}-${version}.json`),
  };
}

function readAssembly(dir) {
  let assembly = JSON.parse(readFileSync(join(dir, ".jsii"), "utf8"));
  if (assembly.schema === "jsii/file-redirect") {
    const bytes = readFileSync(join(dir, assembly.filename));
    assembly = JSON.parse((assembly.compression === "gzip" ? gunzipSync(bytes) : bytes).toString("utf8"));
  }
  return assembly;
}

const snakeCase = (s) => s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z])([A-Z][a-z])/g, "$1_$2").toLowerCase();
const DOCS_ANCHOR = /Docs at Terraform Registry: \{@link \S+?#([^\s}]+) [^}]*\}/g;
const DESCRIPTION_FREE = /^Docs at Terraform Registry:/;

function hclName(property) {
  const text = JSON.stringify(property.docs ?? {});
  let last;
  for (const m of text.matchAll(DOCS_ANCHOR)) last = m[1];
  return last ?? snakeCase(property.name);
}

const hasDescription = (property) => {
  const summary = property.docs?.summary ?? "";
  return summary !== "" && !DESCRIPTION_FREE.test(summary);
};

// ---- generated JavaScript: list vs set vs single, per (interface, hcl name) ----------------------------

const HCL_ENTRY = /\n\s+"?([\w-]+)"?: \{\n\s+value: [^\n]*\n\s+isBlock: (true|false),\n\s+type: "(\w+)",\n\s+storageClassType: "([^"]*)"/g;
const SEGMENT_START = /function (\w+)ToHclTerraform\(struct\) \{|synthesizeHclAttributes\(\) \{|class (\w+) extends cdktf\.Terraform(?:Resource|DataSource|Provider) \{/g;

function jsFacts(dir, relFile, cache) {
  const file = join(dir, "lib", relFile.replace(/^src\//, "").replace(/\.ts$/, ".js"));
  if (cache.has(file)) return cache.get(file);
  const facts = new Map(); // interface or class name -> Map(hcl -> collection type)
  cache.set(file, facts);
  if (!existsSync(file)) return facts;
  const src = readFileSync(file, "utf8");
  const cut = src.indexOf("//# sourceMappingURL=");
  const code = cut >= 0 ? src.slice(0, cut) : src;
  const starts = [];
  let currentClass;
  for (const m of code.matchAll(SEGMENT_START)) {
    if (m[2]) { currentClass = m[2]; continue; }
    const owner = m[1] ? m[1][0].toUpperCase() + m[1].slice(1) : currentClass;
    starts.push({ at: m.index, owner });
  }
  starts.forEach((s, i) => {
    const segment = code.slice(s.at, i + 1 < starts.length ? starts[i + 1].at : code.length);
    const map = new Map();
    for (const m of segment.matchAll(HCL_ENTRY)) map.set(m[1], m[3]);
    facts.set(s.owner, map);
  });
  return facts;
}

// ---- jsii -> compact schema ----------------------------------------------------------------------------

export function extractProvider(name) {
  const info = providerInfo(name);
  const started = Date.now();
  const assembly = readAssembly(info.dir);
  const types = assembly.types;
  const prefix = `${assembly.name}.`;
  const defs = {};
  const jsCache = new Map();
  const missingFacts = [];
  const idOf = (fqn) => (fqn.startsWith(prefix) ? fqn.slice(prefix.length) : fqn);

  const collectProperties = (fqn, seen = new Set()) => {
    if (seen.has(fqn)) return [];
    seen.add(fqn);
    const t = types[fqn];
    if (!t) return []; // cdktf.TerraformMetaArguments and other foreign interfaces
    const own = (t.properties ?? []).map((p) => ({ p, owner: t }));
    const inherited = (t.interfaces ?? []).flatMap((i) => collectProperties(i, seen));
    return [...inherited, ...own];
  };

  // jsii type reference -> Type ({kind, element?, schema?}); struct interfaces are defined on demand.
  const typeOf = (ref) => {
    if (ref.union) {
      const options = ref.union.types.filter((t) => t.fqn !== "cdktf.IResolvable");
      return options.length === 1 ? typeOf(options[0]) : { kind: "any" };
    }
    if (ref.primitive) {
      return { kind: { string: "string", number: "number", boolean: "bool" }[ref.primitive] ?? "any" };
    }
    if (ref.collection) {
      const element = typeOf(ref.collection.elementtype);
      if (ref.collection.kind === "map") {
        return element.kind === "any" ? { kind: "any" } : { kind: "map", element }; // dynamic => map<any>
      }
      return { kind: "list", element };
    }
    if (ref.fqn && types[ref.fqn]?.kind === "interface") return { kind: "object", schema: define(ref.fqn) };
    return { kind: "any" };
  };

  const define = (fqn) => {
    const id = idOf(fqn);
    if (defs[id]) return id;
    const def = { attributes: {}, blocks: {} };
    defs[id] = def;
    for (const { p, owner } of collectProperties(fqn)) {
      const name = hclName(p);
      const type = typeOf(p.type);
      const structType = type.kind === "object" ? type : type.element?.kind === "object" ? type.element : undefined;
      const facts = jsFacts(info.dir, owner.locationInModule?.filename ?? "", jsCache);
      const ownerFacts = facts.get(owner.name) ?? facts.get(configClassOf.get(owner.fqn));
      const jsType = ownerFacts?.get(name); // simple | list | set | map | struct
      if (jsType === undefined) missingFacts.push(`${id}.${name}`);
      if (type.kind === "any" && p.docs?.summary === `${name} block.`) {
        // cdktf skips a few huge recursive blocks (aws_wafv2_*.rule.statement, quicksight definition):
        // the block exists but its contents are unknown.
        def.blocks[name] = { required: !p.optional, ...(p.optional ? {} : { min: 1 }), nesting: "list", opaque: true };
        continue;
      }
      if (structType && p.docs?.summary === `${name} block.`) {
        const single = type.kind === "object";
        const nesting = jsType === "struct" ? "single" : jsType === "set" ? "set" : jsType === "map" || type.kind === "map" ? "map" : "list";
        const required = !p.optional && nesting !== "single" && nesting !== "map";
        const block = { required };
        if (required) block.min = 1;
        if (single) block.max = 1;
        block.nesting = nesting;
        block.schema = structType.schema;
        def.blocks[name] = block;
        continue;
      }
      const arg = { required: !p.optional, ...type };
      if ((jsType === "set" || jsType === "list") && arg.kind === "list") arg.kind = jsType;
      if (structType) arg.structural = structuralKind(p, structType.schema);
      def.attributes[name] = arg;
    }
    return id;
  };

  // nested_type attribute (attribute syntax only, children have their own flags) vs cty object type.
  const structuralKind = (property, schemaId) => {
    const fqn = prefix + schemaId;
    const children = (types[fqn]?.properties ?? []);
    const mirrors = children.every((c) => !!c.optional === !!property.optional && !hasDescription(c));
    return mirrors && children.length > 0 ? "object" : "nested-attribute";
  };

  const configClassOf = new Map(); // Config interface fqn -> class name (for synthesizeHclAttributes facts)
  const provider = { provider_config: undefined, resources: {}, data_sources: {} };
  const roots = [];
  for (const [fqn, t] of Object.entries(types)) {
    if (t.kind !== "class") continue;
    const kind = { "cdktf.TerraformResource": "resource", "cdktf.TerraformDataSource": "data", "cdktf.TerraformProvider": "provider" }[t.base];
    if (!kind) continue;
    const m = /Represents a \{@link (\S+) ([\w-]+)\}/.exec(t.docs?.summary ?? "");
    const configFqn = t.initializer?.parameters?.[2]?.type?.fqn;
    if (!m || !configFqn) continue;
    configClassOf.set(configFqn, t.name);
    roots.push({ kind, tfName: m[2], configFqn });
  }
  for (const { kind, tfName, configFqn } of roots) {
    const id = define(configFqn);
    if (kind === "provider") provider.provider_config = id;
    else if (kind === "resource") provider.resources[tfName] = id;
    else provider.data_sources[tfName] = id;
  }
  for (const def of Object.values(defs)) {
    if (def.blocks && Object.keys(def.blocks).length === 0) delete def.blocks;
  }
  const schema = {
    provider: name, source: info.source, version: info.version, package: info.pkg,
    packageVersion: info.packageVersion, extractor: EXTRACTOR_VERSION, ...provider, defs,
  };
  return { schema, info, millis: Date.now() - started, missingFacts };
}

// Returns the schema for a provider, from the cache when it matches the installed package.
export function loadSchema(name, { force = false, log = () => {} } = {}) {
  const info = providerInfo(name);
  if (!force && existsSync(info.cacheFile)) {
    const cached = JSON.parse(readFileSync(info.cacheFile, "utf8"));
    if (cached.extractor === EXTRACTOR_VERSION && cached.packageVersion === info.packageVersion) return cached;
  }
  const { schema, millis } = extractProvider(name);
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${info.cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(schema));
  renameSync(tmp, info.cacheFile);
  log(`extracted ${name} ${info.version} from ${info.pkg}@${info.packageVersion} in ${(millis / 1000).toFixed(1)}s -> ${info.cacheFile}`);
  return schema;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const names = args.filter((a) => !a.startsWith("--"));
  for (const name of names.length ? names : Object.keys(PROVIDERS)) {
    const started = Date.now();
    const schema = loadSchema(name, { force, log: (m) => console.error(m) });
    console.log(`${name} ${schema.version}: ${Object.keys(schema.resources).length} resources, ` +
      `${Object.keys(schema.data_sources).length} data sources, ${Object.keys(schema.defs).length} defs ` +
      `(${((Date.now() - started) / 1000).toFixed(1)}s)`);
  }
}
