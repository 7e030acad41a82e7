locals {
  # On a target that is not the system of record, the primary's private name must resolve in this VPC.
  system_of_record_remote = var.stores.managed && !var.stores.system_of_record
  system_of_record_zone   = join(".", slice(split(".", var.system_of_record.host), 1, length(split(".", var.system_of_record.host))))
  system_of_record_is_ip  = can(cidrnetmask("${var.system_of_record.address}/32"))
}

resource "google_dns_managed_zone" "stores" {
  count = var.stores.managed ? 1 : 0

  project     = var.project
  name        = "${var.name}-stores"
  dns_name    = "${var.store_dns.zone}."
  description = "Stable private names of ${var.name}'s managed stores."
  visibility  = "private"
  labels      = var.labels

  private_visibility_config {
    networks {
      network_url = google_compute_network.this.id
    }
  }

  depends_on = [google_project_service.this]
}

resource "google_dns_record_set" "postgres" {
  count = local.managed_postgres ? 1 : 0

  project      = var.project
  managed_zone = google_dns_managed_zone.stores[0].name
  name         = "${var.store_dns.postgres_host}."
  type         = "A"
  ttl          = 300
  rrdatas      = [google_sql_database_instance.postgres[0].private_ip_address]
}

resource "google_dns_record_set" "redis" {
  count = var.stores.managed ? 1 : 0

  project      = var.project
  managed_zone = google_dns_managed_zone.stores[0].name
  name         = "${var.store_dns.redis_host}."
  type         = "A"
  ttl          = 300
  rrdatas      = [google_redis_instance.this[0].host]
}

resource "google_dns_managed_zone" "system_of_record" {
  count = local.system_of_record_remote ? 1 : 0

  project     = var.project
  name        = "${var.name}-system-of-record"
  dns_name    = "${local.system_of_record_zone}."
  description = "The system of record's private name, resolved inside ${var.name}'s network."
  visibility  = "private"
  labels      = var.labels

  private_visibility_config {
    networks {
      network_url = google_compute_network.this.id
    }
  }

  depends_on = [google_project_service.this]
}

resource "google_dns_record_set" "system_of_record" {
  count = local.system_of_record_remote ? 1 : 0

  project      = var.project
  managed_zone = google_dns_managed_zone.system_of_record[0].name
  name         = "${var.system_of_record.host}."
  type         = local.system_of_record_is_ip ? "A" : "CNAME"
  ttl          = 300
  rrdatas      = [local.system_of_record_is_ip ? var.system_of_record.address : "${trimsuffix(var.system_of_record.address, ".")}."]

  lifecycle {
    precondition {
      condition     = length(split(".", var.system_of_record.host)) >= 3
      error_message = "system_of_record.host must be a name inside a private zone (\"postgres.aws.production.ainow.internal\")."
    }

    precondition {
      condition     = var.system_of_record.address != ""
      error_message = "system_of_record.address is empty on a target that is not the system of record: apply the primary target first and pass its postgres_address output."
    }
  }
}
