variable "name" {
  type        = string
  description = "Cluster name and prefix of every resource this module names (\"ainow-production\")."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}[a-z0-9]$", var.name))
    error_message = "name must be lowercase letters, digits and hyphens (3 to 42 characters), starting with a letter."
  }
}

variable "environment" {
  type        = string
  description = "Environment name (\"production\"), added to every resource as the tag environment:<name>."
}

variable "region" {
  type        = string
  description = "DigitalOcean region slug (\"nyc3\") for the VPC, cluster and managed stores."
}

variable "network_cidr" {
  type        = string
  description = "The target's private range (\"10.32.0.0/16\", RFC 1918). Nodes, managed stores, pods and services all get addresses inside it: the VPC takes the first /+4, the service range the second /+4 and the pod range the upper half, so none of the three overlap (DigitalOcean rejects overlapping VPC and cluster ranges)."

  validation {
    condition     = can(cidrhost(var.network_cidr, 0)) && try(tonumber(split("/", var.network_cidr)[1]) >= 12 && tonumber(split("/", var.network_cidr)[1]) <= 16, false)
    error_message = "network_cidr must be an IPv4 range from /12 to /16: the VPC carved out of it (4 bits longer) must fit DigitalOcean's /16 to /28 VPC sizes with room for the nodes and stores."
  }
}

variable "production_grade" {
  type        = bool
  description = "True for a highly available control plane (DOKS HA, which cannot be turned off again)."
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version (\"1.33\"); the newest DOKS patch of it is chosen, and patches are applied automatically in the maintenance window."

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+$", var.kubernetes_version))
    error_message = "kubernetes_version must be a minor version such as \"1.33\"."
  }
}

variable "node_pool" {
  type = object({
    size          = string
    min_nodes     = number
    max_nodes     = number
    max_gpu_nodes = number
  })
  description = "Default node pool: size (small | medium | large, mapped to Droplet sizes in locals.tf), autoscaling bounds, and max_gpu_nodes > 0 to add a GPU pool that scales from zero, tainted nvidia.com/gpu=present:NoSchedule."

  validation {
    condition     = contains(["small", "medium", "large"], var.node_pool.size)
    error_message = "node_pool.size must be small, medium or large."
  }

  validation {
    condition     = var.node_pool.min_nodes >= 1 && var.node_pool.max_nodes >= var.node_pool.min_nodes && var.node_pool.max_gpu_nodes >= 0
    error_message = "node_pool needs 1 <= min_nodes <= max_nodes and max_gpu_nodes >= 0 (DOKS's default pool cannot scale to zero)."
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
  description = "Managed stores. managed = false creates none (they run in the cluster). PostgreSQL is created only when system_of_record. The cache is DigitalOcean Managed Valkey 8, the only version offered (redis_version is checked against it). DigitalOcean has no setting for backup_retention_days (it keeps daily backups and point-in-time recovery for 7 days) nor for deletion_protection, so those two fields have no effect here; data is always encrypted at rest by the service."

  validation {
    condition     = contains(["small", "medium", "large"], var.stores.tier)
    error_message = "stores.tier must be small, medium or large."
  }

  validation {
    condition     = !(var.stores.managed && var.stores.system_of_record) || var.stores.postgres_port == 25060
    error_message = "DigitalOcean Managed PostgreSQL listens on port 25060, fixed by the service: stores.postgres_port must be 25060 when this target holds the system of record."
  }

  validation {
    condition     = !var.stores.managed || var.stores.redis_port == 25061
    error_message = "DigitalOcean Managed Valkey listens on port 25061 (TLS), fixed by the service: stores.redis_port must be 25061 for a managed cache."
  }

  validation {
    condition     = !var.stores.managed || try(tonumber(split(".", var.stores.redis_version)[0]) <= 8, false)
    error_message = "DigitalOcean's managed cache is Valkey 8 only, which serves Redis 7.x and Valkey 8 clients: a managed cache cannot meet a stores.redis_version above 8."
  }

  validation {
    condition     = var.stores.storage_gb > 0
    error_message = "stores.storage_gb must be positive."
  }
}

variable "store_dns" {
  type = object({
    zone          = string
    postgres_host = string
    redis_host    = string
  })
  description = "Unused on DigitalOcean: there are no private DNS zones, so the foundation creates no records; the add-ons stage maps these names to the stores' private hosts with a CoreDNS override (module digitalocean/store-dns)."
}

variable "system_of_record" {
  type = object({
    host    = string
    address = string
  })
  description = "Unused on DigitalOcean: the system of record's private name is mapped to its address by the add-ons stage's CoreDNS override (module digitalocean/store-dns), not by a private zone."
}

variable "peer_networks" {
  type        = list(string)
  description = "Other targets' private ranges allowed through the PostgreSQL firewall (system of record only; they arrive over the private interconnect)."

  validation {
    condition     = alltrue([for c in var.peer_networks : can(cidrhost(c, 0))])
    error_message = "peer_networks must be CIDR ranges."
  }
}

variable "databases" {
  type = map(object({
    owner_connection_secret = string
    connection_secret       = string
    runtime_password_secret = string
    runtime_role            = string
  }))
  description = "Databases to create on the system of record, by name (\"ainowdb\"): the owner connection string (the cluster's admin user doadmin, which can create the runtime role), the generated runtime role password and the runtime connection string are written to the named entries. Empty on other targets, where those entries are operator_secrets."
}

variable "redis_connection_secret" {
  type        = string
  description = "Entry receiving the StackExchange.Redis connection string of the managed cache (\"<private host>:25061,password=...,ssl=true,abortConnect=false\")."
}

variable "generated_secrets" {
  type        = list(string)
  description = "Entries holding a generated password. Entries this module composes itself (the databases' and the cache's) are left out of this list if present, so no entry has two writers."
}

variable "operator_secrets" {
  type        = list(string)
  description = "Entries created with an empty value that an operator sets out of band; Terraform never overwrites them."
}

variable "workloads" {
  type = map(object({
    namespace       = string
    service_account = string
    identity        = string
    secrets         = list(string)
  }))
  description = "Workloads by name. DigitalOcean has no workload identity: only workloads[\"eso\"] is used, as the namespace and service account the Vault role is bound to (External Secrets reads every entry and hands pods Kubernetes Secrets)."

  validation {
    condition     = contains(keys(var.workloads), "eso")
    error_message = "workloads must contain \"eso\": the Vault role is bound to its service account."
  }
}

variable "registry_repositories" {
  type        = list(string)
  description = "Unused on DigitalOcean: the repositories (\"ainow/api\") are paths inside the account's one registry (registry.digitalocean.com/<registry_name>/ainow/api), created by the first push; the cluster's registry integration and the pull credentials cover the whole registry, so nothing here is granted per repository."
}

variable "public_hostnames" {
  type        = list(string)
  description = "Unused on DigitalOcean: the public load balancer is created by ingress-nginx's Service in the add-ons stage, and the names' records live in the public zone on the AWS account (aws/global-dns)."
}

variable "public_dns_zone" {
  type        = string
  description = "Unused on DigitalOcean: the public zone is a Route53 zone on the AWS account; cert-manager's DNS-01 solver (add-ons stage) writes to it."
}

variable "log_retention_days" {
  type        = number
  description = "Unused on DigitalOcean: DOKS exports no control-plane logs and provider 2.71.0 has no database log sink resource, so there is no retention to set; the cluster's own log pipeline (add-ons stage) applies it."
}

variable "waf_rate_limit" {
  type        = number
  description = "Unused on DigitalOcean: there is no managed WAF; the limit is enforced by ModSecurity with the OWASP core rule set and rate limiting in ingress-nginx, configured by the add-ons stage."
}

variable "labels" {
  type        = map(string)
  description = "Labels for every resource: DigitalOcean tags (key:value, characters outside [A-Za-z0-9:_-] replaced by '-') and the Vault entries' custom metadata."
}

variable "vault" {
  type = object({
    kv_mount   = string
    auth_mount = string
    role       = string
  })
  description = "DigitalOcean has no secret manager: entries live in the site's Vault. kv_mount is the existing KV v2 mount (property \"value\"), auth_mount the Kubernetes auth mount created for this cluster, role the role External Secrets logs in as (bound to workloads[\"eso\"])."
}

variable "registry_credentials_secret" {
  type        = string
  description = "Entry receiving the registry's read-only .dockerconfigjson (the overlays' registry-credentials pull secret)."
}

variable "registry_name" {
  type        = string
  description = "The account's container registry (created by the account root before any environment): the cluster's registry integration pulls from it and the read-only pull credentials are issued for it."

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.registry_name))
    error_message = "registry_name must be 1 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit."
  }
}
