output "entries" {
  description = "Names of every KV entry this module manages (generated, operator-provided and composed), sorted; names only, never values."
  value       = local.entries

  depends_on = [
    vault_kv_secret_v2.generated,
    vault_kv_secret_v2.operator,
    vault_kv_secret_v2.composed,
  ]
}

output "policy" {
  description = "Name of the Vault policy that lets the role read exactly these entries."
  value       = vault_policy.read.name
}
