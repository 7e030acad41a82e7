locals {
  # Connection entries exist only where this target runs the store they point at.
  database_entries = flatten([
    for database in values(local.databases) : [
      database.owner_connection_secret,
      database.connection_secret,
      database.runtime_password_secret,
    ]
  ])
  redis_entries = var.stores.managed ? [var.redis_connection_secret] : []

  secret_entries = toset(concat(var.generated_secrets, var.operator_secrets, local.database_entries, local.redis_entries))

  postgres_address = local.managed_postgres ? google_sql_database_instance.postgres[0].private_ip_address : ""
  redis_address    = var.stores.managed ? google_redis_instance.this[0].host : ""
}

resource "google_secret_manager_secret" "entry" {
  for_each = local.secret_entries

  project   = var.project
  secret_id = each.value
  labels    = var.labels

  replication {
    auto {}
  }

  depends_on = [google_project_service.this]
}

resource "random_password" "generated" {
  for_each = toset(var.generated_secrets)

  length  = 32
  special = false
}

resource "google_secret_manager_secret_version" "generated" {
  for_each = toset(var.generated_secrets)

  secret      = google_secret_manager_secret.entry[each.value].id
  secret_data = random_password.generated[each.value].result
}

# An operator entry starts as one space: Secret Manager refuses an empty payload, and an entry without a
# version leaves its ExternalSecret unready. The services read a blank value as unset (an optional feature
# stays off); the operator's own version (gcloud secrets versions add) is never touched again.
resource "google_secret_manager_secret_version" "operator" {
  for_each = toset(var.operator_secrets)

  secret      = google_secret_manager_secret.entry[each.value].id
  secret_data = " "

  lifecycle {
    ignore_changes = [secret_data]
  }
}

resource "google_secret_manager_secret_version" "owner_connection" {
  for_each = local.databases

  secret      = google_secret_manager_secret.entry[each.value.owner_connection_secret].id
  secret_data = "Host=${local.postgres_address};Port=${var.stores.postgres_port};Database=${google_sql_database.this[each.key].name};Username=${google_sql_user.owner[0].name};Password=${random_password.owner[0].result};SSL Mode=Require"
}

resource "google_secret_manager_secret_version" "runtime_password" {
  for_each = local.databases

  secret      = google_secret_manager_secret.entry[each.value.runtime_password_secret].id
  secret_data = random_password.runtime[each.key].result
}

# The migrations job creates the runtime role with the password above; this is how the workloads log in as it.
resource "google_secret_manager_secret_version" "connection" {
  for_each = local.databases

  secret      = google_secret_manager_secret.entry[each.value.connection_secret].id
  secret_data = "Host=${local.postgres_address};Port=${var.stores.postgres_port};Database=${google_sql_database.this[each.key].name};Username=${each.value.runtime_role};Password=${random_password.runtime[each.key].result};SSL Mode=Require"
}

resource "google_secret_manager_secret_version" "redis_connection" {
  count = var.stores.managed ? 1 : 0

  secret      = google_secret_manager_secret.entry[var.redis_connection_secret].id
  secret_data = "${google_redis_instance.this[0].host}:${google_redis_instance.this[0].port},password=${google_redis_instance.this[0].auth_string},ssl=true,abortConnect=false"
}
