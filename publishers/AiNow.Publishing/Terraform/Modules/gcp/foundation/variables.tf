variable "name" {
  type        = string
  description = "Cluster name and prefix of every resource of this target (\"ainow-production\")."

  # Keeps "<name>-<suffix>" within the 30-character service-account id and the 40-character node pool name.
  validation {
    condition     = can(regex("^[a-z][-a-z0-9]{1,22}[a-z0-9]$", var.name))
    error_message = "name must be 3-24 lower-case letters, digits or hyphens, start with a letter and end with a letter or digit."
  }
}

variable "environment" {
  type        = string
  description = "The environment this target serves (\"production\")."
}

variable "project" {
  type        = string
  description = "The Google Cloud project id that holds every resource of this target."
}

variable "region" {
  type        = string
  description = "The Google Cloud region of the cluster, the stores and the Artifact Registry repository the nodes pull from (\"us-central1\")."
}

variable "network_cidr" {
  type        = string
  description = "The target's private range; nodes, pods, services and the managed stores get slices of it."

  validation {
    condition     = can(cidrhost(var.network_cidr, 0)) && tonumber(split("/", var.network_cidr)[1]) <= 16
    error_message = "network_cidr must be an IPv4 CIDR block of /16 or larger (it is cut into node, pod, service and store ranges)."
  }
}

variable "production_grade" {
  type        = bool
  description = "True: nodes in every zone of the region and deletion protection on the cluster; false: nodes in one zone."
}

variable "kubernetes_version" {
  type        = string
  description = "The minimum Kubernetes minor version of the control plane (\"1.33\"); the REGULAR release channel upgrades from there."
}

variable "node_pool" {
  type = object({
    size          = string
    min_nodes     = number
    max_nodes     = number
    max_gpu_nodes = number
  })
  description = "The autoscaling node pool: size (small | medium | large), total node bounds across zones, and the GPU pool's maximum (0: no GPU pool)."

  validation {
    condition     = contains(["small", "medium", "large"], var.node_pool.size)
    error_message = "node_pool.size must be small, medium or large."
  }

  validation {
    condition     = var.node_pool.min_nodes >= 1 && var.node_pool.max_nodes >= var.node_pool.min_nodes && var.node_pool.max_gpu_nodes >= 0
    error_message = "node_pool needs 1 <= min_nodes <= max_nodes and max_gpu_nodes >= 0."
  }
}

variable "stores" {
  type = object({
    managed               = bool
    system_of_record      = bool
    postgres_version      = string
    redis_version         = string
    tier                  = string
    high_availability     = bool
    storage_gb            = number
    backup_retention_days = number
    deletion_protection   = bool
    postgres_port         = number
    redis_port            = number
  })
  description = "The managed stores: Cloud SQL for PostgreSQL (system of record only) and Memorystore for Redis; managed = false creates neither."

  validation {
    condition     = contains(["small", "medium", "large"], var.stores.tier)
    error_message = "stores.tier must be small, medium or large."
  }

  validation {
    condition     = !var.stores.managed || var.stores.postgres_port == 5432
    error_message = "Cloud SQL for PostgreSQL listens on 5432 only: stores.postgres_port must be 5432 on GCP."
  }

  validation {
    condition     = !var.stores.managed || var.stores.redis_port == 6378
    error_message = "Memorystore for Redis with in-transit encryption (SERVER_AUTHENTICATION) listens on 6378 only: stores.redis_port must be 6378 on GCP."
  }

  validation {
    condition     = !var.stores.managed || contains(["6", "6.x", "7", "7.0", "7.2"], lower(var.stores.redis_version))
    error_message = "Memorystore for Redis offers versions 6.x, 7.0 and 7.2: stores.redis_version must be 6, 6.x, 7 (the newest 7.x), 7.0 or 7.2."
  }

  validation {
    condition     = !var.stores.managed || (var.stores.backup_retention_days >= 2 && var.stores.backup_retention_days <= 365 && var.stores.storage_gb >= 10)
    error_message = "Cloud SQL needs stores.backup_retention_days between 2 and 365 (point-in-time recovery keeps fewer days of logs than backups) and stores.storage_gb of at least 10."
  }
}

variable "store_dns" {
  type = object({
    zone          = string
    postgres_host = string
    redis_host    = string
  })
  description = "This target's private DNS zone and the names of its PostgreSQL and Redis inside it."

  validation {
    condition     = endswith(var.store_dns.postgres_host, ".${var.store_dns.zone}") && endswith(var.store_dns.redis_host, ".${var.store_dns.zone}")
    error_message = "store_dns.postgres_host and store_dns.redis_host must be names inside store_dns.zone."
  }
}

variable "system_of_record" {
  type = object({
    host    = string
    address = string
  })
  description = "The primary's private PostgreSQL name the overlays use and its endpoint (\"\" on the primary itself)."
}

variable "peer_networks" {
  type        = list(string)
  description = "Other targets' private ranges that reach this target's PostgreSQL over the interconnect (system of record only)."

  validation {
    condition     = alltrue([for cidr in var.peer_networks : can(cidrhost(cidr, 0))])
    error_message = "peer_networks must be IPv4 CIDR blocks."
  }
}

variable "databases" {
  type = map(object({
    owner_connection_secret = string
    connection_secret       = string
    runtime_password_secret = string
    runtime_role            = string
  }))
  description = "Databases of the system of record by name, with the secret entries of the owner's and the runtime role's connection strings and the runtime role's password."
}

variable "redis_connection_secret" {
  type        = string
  description = "The secret entry receiving the StackExchange.Redis connection string of this target's Memorystore instance."
}

variable "generated_secrets" {
  type        = list(string)
  description = "Secret entries that receive a generated password."
}

variable "operator_secrets" {
  type        = list(string)
  description = "Secret entries whose value the operator sets out of band."
}

variable "workloads" {
  type = map(object({
    namespace       = string
    service_account = string
    identity        = string
    secrets         = list(string)
  }))
  description = "Workloads by name: the Kubernetes service account, the Google service account id it acts as (Workload Identity), and the secret entries it may read."

  validation {
    condition     = alltrue([for w in values(var.workloads) : can(regex("^[a-z][-a-z0-9]{4,28}[a-z0-9]$", w.identity))])
    error_message = "Every workloads[*].identity must be a Google service account id: 6-30 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "registry_repositories" {
  type        = list(string)
  description = "Image repositories (\"ainow/api\"); their common first path segment names the Artifact Registry repository (created by the account root) that the nodes may read."

  validation {
    condition     = length(var.registry_repositories) > 0 && alltrue([for r in var.registry_repositories : can(regex("^[a-z][-a-z0-9]*(/[-a-z0-9._]+)+$", r))])
    error_message = "registry_repositories must hold at least one \"<repository>/<image>\" path in lower case."
  }

  validation {
    condition     = length(distinct([for r in var.registry_repositories : split("/", r)[0]])) == 1
    error_message = "registry_repositories must share one first path segment: the nodes are granted read access to that one repository."
  }
}

variable "public_hostnames" {
  type        = list(string)
  description = "The host names the gateway answers on; the edge security policy admits no other Host."

  validation {
    condition     = length(var.public_hostnames) > 0
    error_message = "public_hostnames must hold at least one host name."
  }
}

variable "public_dns_zone" {
  type        = string
  description = "The public DNS zone the public host names belong to (\"ainow.example.com\")."
}

variable "log_retention_days" {
  type        = number
  description = "Days this environment's own log bucket (\"<name>-logs\") keeps its cluster's logs (the collector's log types have their own, log_buckets)."

  validation {
    condition     = var.log_retention_days >= 1 && var.log_retention_days <= 3650
    error_message = "log_retention_days must be between 1 and 3650 (the Cloud Logging limits)."
  }
}

variable "waf_rate_limit" {
  type        = number
  description = "Requests per 5 minutes one client address may send before the edge answers 429."

  validation {
    condition     = var.waf_rate_limit >= 1
    error_message = "waf_rate_limit must be a positive number of requests."
  }
}

variable "labels" {
  type        = map(string)
  description = "Labels on every resource that takes them (Google requires lower-case keys and values)."

  validation {
    condition     = alltrue([for k, v in var.labels : can(regex("^[a-z][-_a-z0-9]{0,62}$", k)) && can(regex("^[-_a-z0-9]{0,63}$", v))])
    error_message = "labels keys and values must be lower-case letters, digits, '-' or '_' (keys start with a letter, at most 63 characters)."
  }
}

variable "collector" {
  type = object({
    namespace       = string
    service_account = string
    identity        = string
  })
  description = "The OpenTelemetry Collector's Kubernetes service account and the Google service account id it acts as (Workload Identity), which may write logs and traces and nothing else."

  validation {
    condition     = can(regex("^[a-z][-a-z0-9]{4,28}[a-z0-9]$", var.collector.identity))
    error_message = "collector.identity must be a Google service account id: 6-30 lower-case letters, digits or hyphens, starting with a letter."
  }

  validation {
    condition     = !contains(keys(var.workloads), var.collector.service_account)
    error_message = "collector.service_account names a workload too; the two would share one Google service account."
  }
}

variable "application_namespace" {
  type        = string
  description = "The Kubernetes namespace the environment's services run in (the overlay's). GKE's copy of its containers' logs is kept nowhere: the services' logs, audit events among them, reach Cloud Logging through the collector."
}

variable "log_buckets" {
  type = map(object({
    log_name       = string
    bucket         = string
    retention_days = number
  }))
  description = "Each log type the collector writes (application, audit): its Cloud Logging log name (this environment's own, as environments may share the project), the bucket of this environment it is routed to, and the days that bucket keeps it. Excluded from the _Default bucket, so it is kept once."

  validation {
    condition     = alltrue([for log in values(var.log_buckets) : log.retention_days >= 1 && log.retention_days <= 3650])
    error_message = "Every log_buckets[*].retention_days must be between 1 and 3650 (the Cloud Logging limits)."
  }
}
