locals {
  managed_postgres = var.stores.managed && var.stores.system_of_record

  # The databases this target holds: only the system of record has any.
  databases = local.managed_postgres ? var.databases : {}

  sql_tiers = {
    small  = "db-custom-1-3840"
    medium = "db-custom-2-7680"
    large  = "db-custom-4-15360"
  }

  # Memorystore's version enum; a bare major version means its newest minor.
  redis_versions = {
    "6"   = "REDIS_6_X"
    "6.x" = "REDIS_6_X"
    "7"   = "REDIS_7_2"
    "7.0" = "REDIS_7_0"
    "7.2" = "REDIS_7_2"
  }

  redis_memory_gb = {
    small  = 1
    medium = 5
    large  = 16
  }

  # PostgreSQL role names cannot hold "-" unquoted.
  owner_user = replace("${var.name}-owner", "-", "_")
}

resource "google_sql_database_instance" "postgres" {
  count = local.managed_postgres ? 1 : 0

  project          = var.project
  name             = "${var.name}-postgres"
  region           = var.region
  database_version = "POSTGRES_${var.stores.postgres_version}"

  deletion_protection = var.stores.deletion_protection

  settings {
    # PostgreSQL 16+ defaults to Enterprise Plus, which rejects the db-custom tiers.
    edition           = "ENTERPRISE"
    tier              = local.sql_tiers[var.stores.tier]
    availability_type = var.stores.high_availability ? "REGIONAL" : "ZONAL"

    disk_type             = "PD_SSD"
    disk_size             = var.stores.storage_gb
    disk_autoresize       = true
    disk_autoresize_limit = var.stores.storage_gb * 4

    deletion_protection_enabled = var.stores.deletion_protection
    retain_backups_on_delete    = var.stores.deletion_protection

    user_labels = var.labels

    # Private address only: reachable from this VPC and, over the interconnect, from peer targets.
    ip_configuration {
      ipv4_enabled       = false
      private_network    = google_compute_network.this.id
      allocated_ip_range = google_compute_global_address.stores[0].name
      ssl_mode           = "ENCRYPTED_ONLY"
    }

    backup_configuration {
      enabled                        = true
      start_time                     = "03:00"
      point_in_time_recovery_enabled = true
      # Cloud SQL wants fewer days of logs than retained backups; ENTERPRISE keeps at most 7.
      transaction_log_retention_days = min(7, var.stores.backup_retention_days - 1)

      # One backup a day, so a count of backups is a number of days.
      backup_retention_settings {
        retained_backups = var.stores.backup_retention_days
        retention_unit   = "COUNT"
      }
    }

    maintenance_window {
      day          = 7
      hour         = 4
      update_track = "stable"
    }

    insights_config {
      query_insights_enabled  = true
      record_application_tags = false
      record_client_address   = false
    }

    database_flags {
      name  = "cloudsql.iam_authentication"
      value = "on"
    }

    database_flags {
      name  = "log_connections"
      value = "on"
    }

    database_flags {
      name  = "log_disconnections"
      value = "on"
    }

    database_flags {
      name  = "log_checkpoints"
      value = "on"
    }

    database_flags {
      name  = "log_lock_waits"
      value = "on"
    }

    database_flags {
      name  = "log_temp_files"
      value = "0"
    }
  }

  lifecycle {
    # Autoresize grows the disk; Terraform must not try to shrink it back.
    ignore_changes = [settings[0].disk_size]
  }

  depends_on = [google_service_networking_connection.stores]
}

resource "google_sql_database" "this" {
  for_each = local.databases

  project  = var.project
  instance = google_sql_database_instance.postgres[0].name
  name     = each.key

  # Dropping a database that still holds data would be irreversible; protected targets leave it behind.
  deletion_policy = var.stores.deletion_protection ? "ABANDON" : "DELETE"
}

resource "random_password" "owner" {
  count = length(local.databases) > 0 ? 1 : 0

  length  = 32
  special = false
}

resource "google_sql_user" "owner" {
  count = length(local.databases) > 0 ? 1 : 0

  project  = var.project
  instance = google_sql_database_instance.postgres[0].name
  name     = local.owner_user
  type     = "BUILT_IN"
  password = random_password.owner[0].result

  # The owner owns the schema's objects; PostgreSQL refuses to drop a role that owns objects.
  deletion_policy = "ABANDON"
}

resource "random_password" "runtime" {
  for_each = local.databases

  length  = 32
  special = false
}

resource "google_redis_instance" "this" {
  count = var.stores.managed ? 1 : 0

  project        = var.project
  name           = "${var.name}-redis"
  display_name   = "${var.name} cache"
  region         = var.region
  tier           = var.stores.high_availability ? "STANDARD_HA" : "BASIC"
  memory_size_gb = local.redis_memory_gb[var.stores.tier]
  redis_version  = local.redis_versions[lower(var.stores.redis_version)]

  # Evict only keys with an expiry (the caches), never the gateway's rate-limit counters, which have none;
  # Memorystore sizes maxmemory from memory_size_gb. Same policy as AiNow.AppHost/CacheMemoryPolicy.cs.
  redis_configs = {
    "maxmemory-policy" = "volatile-lru"
  }

  authorized_network = google_compute_network.this.id
  connect_mode       = "PRIVATE_SERVICE_ACCESS"
  reserved_ip_range  = google_compute_global_address.stores[0].name

  auth_enabled = true
  # TLS with the instance's own CA; this is why the cache listens on 6378.
  transit_encryption_mode = "SERVER_AUTHENTICATION"

  labels = var.labels

  maintenance_policy {
    weekly_maintenance_window {
      day = "SUNDAY"

      start_time {
        hours   = 4
        minutes = 0
      }
    }
  }

  depends_on = [google_service_networking_connection.stores]
}
