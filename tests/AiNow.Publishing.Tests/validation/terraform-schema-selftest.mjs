// Self-test for terraform-schema.mjs: the valid fixtures must check clean and every error kind in
// fixtures/terraform/invalid must be reported (and nothing else).
// Usage: node terraform-schema-selftest.mjs   (exit 1 on any mismatch)
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkPaths } from "./terraform-schema.mjs";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "terraform");

// [block, message fragment] — one entry per expected error, in any order.
const expected = [
  ["aws_vpc.unknown_argument", 'unknown argument "cidr_blok" (did you mean "cidr_block"?)'],
  ["google_compute_subnetwork.unknown_block", 'unknown nested block type "log_configs"'],
  ["digitalocean_vpc.missing_argument", 'missing required argument "region"'],
  ["kubernetes_namespace.missing_block", 'missing required block "metadata"'],
  ["aws_vpc.argument_as_block", '"tags" is an argument (map of string), not a block'],
  ["helm_release.helm2_style_set", '"set" is a nested attribute (list of object), not a block: write set = [{ ... }]'],
  ["provider.helm", '"kubernetes" is a nested attribute (object), not a block: write kubernetes = { ... }'],
  ["aws_instance.block_as_argument", '"root_block_device" is a nested block, not an argument'],
  ["aws_instance.block_as_argument", '"ebs_block_device" is a nested block, not an argument'],
  ["aws_instance.too_many_blocks", 'too many "root_block_device" blocks: at most 1 allowed, found 2'],
  ["aws_vpc.type_mismatch", "cidr_block: expected string, got an object"],
  ["aws_vpc.type_mismatch", 'ipv4_netmask_length: expected number, got string "sixteen"'],
  ["aws_vpc.type_mismatch", 'enable_dns_support: expected bool, got string "yes"'],
  ["aws_vpc.type_mismatch", "enable_dns_hostnames: expected bool, got number 1"],
  ["aws_vpc.type_mismatch", "tags: expected map of string, got a list"],
  ["aws_vpc.type_mismatch", "instance_tenancy: expected string, got a list"],
  ["google_compute_network.type_mismatch_number", "mtu: expected number, got bool true"],
  ["aws_vpcc.unknown_type", 'unknown resource type "aws_vpcc" in hashicorp/aws 6.25.0 (did you mean "aws_vpc"?)'],
  ["data.google_compute_netwrk.unknown_data_type", 'unknown data source type "google_compute_netwrk"'],
  ["helm_release.nested_attribute_content", 'set[0].valu: unknown attribute "valu"'],
  ["helm_release.nested_attribute_content", 'set[1]: missing required attribute "name"'],
  ["helm_release.nested_attribute_content", 'set_list[0].value: expected list of string, got string "not-a-list"'],
  ["helm_release.nested_attribute_content", 'postrender: missing required attribute "binary_path"'],
  ["helm_release.dynamic_misuse", 'dynamic "set": "set" is a nested attribute (list of object), not a block type'],
  ["aws_instance.dynamic_unknown", 'dynamic "root_block_devices": unknown nested block type "root_block_devices"'],
  ["random_password.meta", '"count" and "for_each" cannot be used together'],
  ["random_password.meta", 'unknown lifecycle argument "create_before_destroyed"'],
  ["google_compute_subnetwork.nested_errors", 'secondary_ip_range[0].ip_cidr: unknown argument "ip_cidr"'],
  ["google_compute_subnetwork.nested_errors", 'log_config.flow_sampling: expected number, got string "half"'],
  ["provider.aws", 'regin: unknown argument "regin" (did you mean "region"?)'],
];

let failures = 0;
const fail = (m) => { failures++; console.error(`FAIL ${m}`); };

const valid = await checkPaths([join(fixtures, "valid")]);
if (valid.errors.length) for (const e of valid.errors) fail(`valid fixture reported ${e.file}:${e.block}: ${e.message}`);
else console.log(`ok   valid fixtures: ${valid.blocks} blocks in ${valid.files} files, 0 errors`);

const invalid = await checkPaths([join(fixtures, "invalid")]);
const unmatched = [...invalid.errors];
for (const [block, fragment] of expected) {
  const k = unmatched.findIndex((e) => e.block === block && e.message.includes(fragment));
  if (k < 0) fail(`missing ${block}: ${fragment}`);
  else { console.log(`ok   ${block}: ${unmatched[k].message}`); unmatched.splice(k, 1); }
}
for (const e of unmatched) fail(`unexpected ${e.block}: ${e.message}`);

console.log(failures ? `${failures} failures` : `all ${expected.length + 1} checks passed`);
process.exit(failures ? 1 : 0);
