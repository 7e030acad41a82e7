locals {
  postgres = local.postgres_enabled ? digitalocean_database_cluster.postgres[0] : null
  valkey   = local.cache_enabled ? digitalocean_database_cluster.valkey[0] : null

  # The owner is the cluster's admin user (doadmin): users created through DigitalOcean's API get no
  # privileges, and the migrations job must create tables and the runtime role.
  database_secrets = local.postgres_enabled ? merge([
    for db, s in var.databases : {
      (s.owner_connection_secret) = "Host=${local.postgres.private_host};Port=${var.stores.postgres_port};Database=${digitalocean_database_db.this[db].name};Username=${local.postgres.user};Password=${local.postgres.password};SSL Mode=Require"
      (s.connection_secret)       = "Host=${local.postgres.private_host};Port=${var.stores.postgres_port};Database=${digitalocean_database_db.this[db].name};Username=${s.runtime_role};Password=${random_password.runtime[db].result};SSL Mode=Require"
      (s.runtime_password_secret) = random_password.runtime[db].result
    }
  ]...) : {}

  cache_secrets = local.cache_enabled ? {
    (var.redis_connection_secret) = "${local.valkey.private_host}:${var.stores.redis_port},password=${local.valkey.password},ssl=true,abortConnect=false"
  } : {}

  composed_secrets = merge(local.database_secrets, local.cache_secrets, {
    (var.registry_credentials_secret) = digitalocean_container_registry_docker_credentials.pull.docker_credentials
  })

  # Names only (known at plan time): entries written above are dropped from the generated and operator lists.
  composed_names = concat(
    local.postgres_enabled ? flatten([for s in values(var.databases) : [s.owner_connection_secret, s.connection_secret, s.runtime_password_secret]]) : [],
    local.cache_enabled ? [var.redis_connection_secret] : [],
    [var.registry_credentials_secret],
  )
  generated_secrets = [for s in var.generated_secrets : s if !contains(local.composed_names, s)]
  operator_secrets  = [for s in var.operator_secrets : s if !contains(concat(local.composed_names, local.generated_secrets), s)]
}

# DigitalOcean has no secret manager: the entries live in the site's Vault, read by External Secrets
# through a Kubernetes auth mount that trusts this cluster.
module "vault_secrets" {
  source = "../../shared/vault-secrets"

  kv_mount                  = var.vault.kv_mount
  auth_mount                = var.vault.auth_mount
  role                      = var.vault.role
  namespace                 = var.workloads["eso"].namespace
  service_account           = var.workloads["eso"].service_account
  kubernetes_host           = digitalocean_kubernetes_cluster.this.endpoint
  kubernetes_ca_certificate = base64decode(digitalocean_kubernetes_cluster.this.kube_config[0].cluster_ca_certificate)
  generated_secrets         = local.generated_secrets
  operator_secrets          = local.operator_secrets
  composed_secrets          = local.composed_secrets
  # DOKS nodes reach Vault from public addresses that change with the node pool: no address binding.
  token_bound_cidrs = []
  labels            = var.labels
}
