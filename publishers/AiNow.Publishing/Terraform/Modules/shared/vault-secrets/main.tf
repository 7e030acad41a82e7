locals {
  # Entry names are not secret; only the composed values are.
  composed_names = nonsensitive(toset(keys(var.composed_secrets)))
  entries        = sort(distinct(concat(var.generated_secrets, var.operator_secrets, tolist(local.composed_names))))
}

resource "random_password" "generated" {
  for_each = toset(var.generated_secrets)

  length  = 32
  special = false
}

# Each environment on each target has its own KV v2 mount, so targets sharing one Vault never write
# over each other's generated values.
resource "vault_mount" "kv" {
  path        = var.kv_mount
  type        = "kv"
  options     = { version = "2" }
  description = "Secret entries of the cluster running ${var.namespace}"
}

resource "vault_kv_secret_v2" "generated" {
  for_each = toset(var.generated_secrets)

  mount     = vault_mount.kv.path
  name      = each.key
  data_json = jsonencode({ value = random_password.generated[each.key].result })

  custom_metadata {
    data = var.labels
  }
}

resource "vault_kv_secret_v2" "operator" {
  for_each = toset(var.operator_secrets)

  mount     = vault_mount.kv.path
  name      = each.key
  data_json = jsonencode({ value = "" })
  # Never read the operator's value back: it stays out of the Terraform state.
  disable_read = true

  custom_metadata {
    data = var.labels
  }

  lifecycle {
    # The operator writes the real value with `vault kv put`; a plan must not blank it again.
    ignore_changes = [data_json]
  }
}

resource "vault_kv_secret_v2" "composed" {
  for_each = local.composed_names

  mount     = vault_mount.kv.path
  name      = each.key
  data_json = jsonencode({ value = var.composed_secrets[each.key] })

  custom_metadata {
    data = var.labels
  }
}

data "vault_policy_document" "read" {
  dynamic "rule" {
    for_each = toset(local.entries)

    content {
      # KV v2 serves values under <mount>/data/<name>; read on exactly these paths, no list, no metadata.
      path         = "${var.kv_mount}/data/${rule.value}"
      capabilities = ["read"]
      description  = "Read ${rule.value}"
    }
  }
}

resource "vault_policy" "read" {
  name   = var.role
  policy = data.vault_policy_document.read.hcl
}

resource "vault_auth_backend" "kubernetes" {
  type        = "kubernetes"
  path        = var.auth_mount
  description = "Service account logins from the cluster running ${var.namespace}"
}

resource "vault_kubernetes_auth_backend_config" "this" {
  backend            = vault_auth_backend.kubernetes.path
  kubernetes_host    = var.kubernetes_host
  kubernetes_ca_cert = var.kubernetes_ca_certificate
  # No reviewer JWT: Vault runs outside the cluster, so it reviews each login with the caller's own
  # token, which needs system:auth-delegator (the add-ons stage binds it); the local-CA fallback stays at its default.
  disable_local_ca_jwt = false
}

resource "vault_kubernetes_auth_backend_role" "this" {
  backend                          = vault_kubernetes_auth_backend_config.this.backend
  role_name                        = var.role
  bound_service_account_names      = [var.service_account]
  bound_service_account_namespaces = [var.namespace]
  token_policies                   = [vault_policy.read.name]
  # External Secrets logs in again on every refresh, so a token only needs to outlive one sync.
  token_ttl         = 900
  token_max_ttl     = 1800
  token_bound_cidrs = var.token_bound_cidrs
}
