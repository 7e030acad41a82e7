locals {
  database_entries = local.managed_postgres ? merge({}, [
    for database, spec in var.databases : {
      (spec.owner_connection_secret) = { database = database, kind = "owner_connection" }
      (spec.connection_secret)       = { database = database, kind = "runtime_connection" }
      (spec.runtime_password_secret) = { database = database, kind = "runtime_password" }
    }
  ]...) : {}

  redis_entries = var.stores.managed ? [var.redis_connection_secret] : []

  entry_list = concat(var.generated_secrets, var.operator_secrets, keys(local.database_entries), local.redis_entries)
  entries    = toset(local.entry_list)

  secret_arns = { for name, entry in aws_secretsmanager_secret.entry : name => entry.arn }

  # Operators copy connection strings from the primary: they name the host every target resolves.
  postgres_host = var.system_of_record.host
}

resource "aws_secretsmanager_secret" "entry" {
  for_each = local.entries

  name                    = each.value
  description             = "${var.name} (${var.environment}): ${each.value}"
  kms_key_id              = aws_kms_key.data.arn
  recovery_window_in_days = var.production_grade ? 30 : 7

  tags = var.labels

  lifecycle {
    precondition {
      condition     = length(local.entry_list) == length(local.entries)
      error_message = "A secret entry name appears in more than one of generated_secrets, operator_secrets, databases and redis_connection_secret."
    }
  }
}

resource "random_password" "generated" {
  for_each = toset(var.generated_secrets)

  length  = 32
  special = false
}

resource "aws_secretsmanager_secret_version" "generated" {
  for_each = toset(var.generated_secrets)

  secret_id     = aws_secretsmanager_secret.entry[each.value].id
  secret_string = random_password.generated[each.value].result
}

# Secrets Manager stores no empty value (the provider sends none for ""): a single space stands for
# "not set", which the services read as empty (they test IsNullOrWhiteSpace). The operator's value is kept.
resource "aws_secretsmanager_secret_version" "operator" {
  for_each = toset(var.operator_secrets)

  secret_id     = aws_secretsmanager_secret.entry[each.value].id
  secret_string = " "

  lifecycle {
    ignore_changes = [secret_string]
  }
}

resource "aws_secretsmanager_secret_version" "database" {
  for_each = local.database_entries

  secret_id = aws_secretsmanager_secret.entry[each.key].id
  secret_string = (
    each.value.kind == "runtime_password" ? random_password.runtime[each.value.database].result :
    each.value.kind == "owner_connection" ? "Host=${local.postgres_host};Port=${var.stores.postgres_port};Database=${each.value.database};Username=${local.postgres_owner};Password=${random_password.postgres_owner[0].result};SSL Mode=Require" :
    "Host=${local.postgres_host};Port=${var.stores.postgres_port};Database=${each.value.database};Username=${var.databases[each.value.database].runtime_role};Password=${random_password.runtime[each.value.database].result};SSL Mode=Require"
  )
}

# The cache's own endpoint, not the private alias: the client checks the TLS certificate against this host.
resource "aws_secretsmanager_secret_version" "redis" {
  count = var.stores.managed ? 1 : 0

  secret_id     = aws_secretsmanager_secret.entry[var.redis_connection_secret].id
  secret_string = "${aws_elasticache_replication_group.redis[0].primary_endpoint_address}:${var.stores.redis_port},password=${random_password.redis_auth[0].result},ssl=true,abortConnect=false"
}
