variable "name" {
  type        = string
  description = "Cluster name and prefix of every resource this module names itself, e.g. \"ainow-production\"."

  validation {
    # The tightest limit is the audit bucket prefix ("<name>-audit-", 37 characters at most).
    condition     = can(regex("^[a-z][a-z0-9-]{1,28}[a-z0-9]$", var.name))
    error_message = "name must be 3-30 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }
}

variable "environment" {
  type        = string
  description = "Environment name (\"production\"), used in resource descriptions."
}

variable "region" {
  type        = string
  description = "AWS region of this target; the root's aws provider must point at the same region."
}

variable "network_cidr" {
  type        = string
  description = "The target's private range (VPC CIDR): nodes, pods, load balancers and stores live inside it."

  validation {
    condition     = can(cidrhost(var.network_cidr, 0)) && tonumber(split("/", var.network_cidr)[1]) >= 16 && tonumber(split("/", var.network_cidr)[1]) <= 20
    error_message = "network_cidr must be an IPv4 CIDR between /16 and /20 (pods take VPC addresses with the VPC CNI)."
  }
}

variable "production_grade" {
  type        = bool
  description = "Production posture: a NAT gateway per zone, node auto-repair, Performance Insights, longer secret recovery."
}

variable "kubernetes_version" {
  type        = string
  description = "EKS Kubernetes minor version, e.g. \"1.33\"."

  validation {
    condition     = can(regex("^1\\.[0-9]+$", var.kubernetes_version))
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
  description = "Node pool: size (small | medium | large, mapped to instance types), autoscaling bounds, and the GPU pool's maximum (0 = no GPU pool)."

  validation {
    condition     = contains(["small", "medium", "large"], var.node_pool.size)
    error_message = "node_pool.size must be small, medium or large."
  }

  validation {
    condition     = var.node_pool.min_nodes >= 1 && var.node_pool.min_nodes <= var.node_pool.max_nodes && var.node_pool.max_gpu_nodes >= 0
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
  description = "Managed stores: RDS for PostgreSQL (system of record only) and ElastiCache for Valkey, their sizing, protection and ports."

  validation {
    condition     = contains(["small", "medium", "large"], var.stores.tier)
    error_message = "stores.tier must be small, medium or large."
  }

  validation {
    condition     = var.stores.backup_retention_days >= 1 && var.stores.backup_retention_days <= 35
    error_message = "stores.backup_retention_days must be between 1 and 35 (the RDS and ElastiCache limit)."
  }

  validation {
    condition     = var.stores.storage_gb >= 10 && var.stores.storage_gb <= 65536
    error_message = "stores.storage_gb must be between 10 and 65536."
  }

  validation {
    condition     = var.stores.postgres_port >= 1150 && var.stores.postgres_port <= 65535 && var.stores.redis_port >= 1 && var.stores.redis_port <= 65535
    error_message = "stores.postgres_port must be 1150-65535 (RDS) and stores.redis_port 1-65535."
  }
}

variable "store_dns" {
  type = object({
    zone          = string
    postgres_host = string
    redis_host    = string
  })
  description = "Private zone of this target and the names the overlays use for its PostgreSQL and cache."
}

variable "system_of_record" {
  type = object({
    host    = string
    address = string
  })
  description = "The primary's PostgreSQL name used by the overlays and, on other targets, the endpoint it must resolve to (\"\" on the primary)."
}

variable "peer_networks" {
  type        = list(string)
  description = "Other targets' private ranges allowed to reach PostgreSQL (system of record only)."

  validation {
    condition     = alltrue([for cidr in var.peer_networks : can(cidrhost(cidr, 0))])
    error_message = "peer_networks must be IPv4 CIDRs."
  }
}

variable "databases" {
  type = map(object({
    owner_connection_secret = string
    connection_secret       = string
    runtime_password_secret = string
    runtime_role            = string
  }))
  description = "Databases keyed by name with the secret entries of their owner/runtime connection strings and runtime password; {} on non-primary targets."

  validation {
    # RDS creates exactly one database at launch.
    condition     = length(var.databases) <= 1
    error_message = "The AWS foundation creates one database per RDS instance; pass at most one database."
  }
}

variable "redis_connection_secret" {
  type        = string
  description = "Secret entry receiving the StackExchange.Redis connection string of this target's cache."
}

variable "generated_secrets" {
  type        = list(string)
  description = "Secret entries holding a generated password."
}

variable "operator_secrets" {
  type        = list(string)
  description = "Secret entries created as placeholders whose value an operator sets out of band."
}

variable "workloads" {
  type = map(object({
    namespace       = string
    service_account = string
    identity        = string
    secrets         = list(string)
  }))
  description = "Workloads keyed by name: the service account trusted by the IAM role named identity, and the secret entries it may read."
}

variable "registry_repositories" {
  type        = list(string)
  description = "Unused on AWS: the repositories are the account root's (aws/registry), and nodes pull with AmazonEC2ContainerRegistryPullOnly, which EKS's own add-on images in AWS's accounts need anyway."
}

variable "public_hostnames" {
  type        = list(string)
  description = "Public host names the ALB serves; one ACM certificate covers them all."

  validation {
    condition     = alltrue([for host in var.public_hostnames : endswith(host, ".${var.public_dns_zone}") || host == var.public_dns_zone])
    error_message = "Every public host name must be inside public_dns_zone (its ACM validation records go there)."
  }
}

variable "public_dns_zone" {
  type        = string
  description = "Route53 public zone on this account holding the public names (ACM DNS validation)."
}

variable "log_retention_days" {
  type        = number
  description = "Retention of control-plane, store, network, WAF and audit logs."

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  }
}

variable "waf_rate_limit" {
  type        = number
  description = "Requests per 5 minutes per client address before the WAF blocks it."

  validation {
    condition     = var.waf_rate_limit >= 10 && var.waf_rate_limit <= 2000000000
    error_message = "waf_rate_limit must be between 10 and 2000000000."
  }
}

variable "labels" {
  type        = map(string)
  description = "Tags applied to every resource."
}

variable "zone_count" {
  type        = number
  description = "Availability zones spanned by subnets, nodes and stores (2 in dev, 3 otherwise)."

  validation {
    condition     = var.zone_count >= 2 && var.zone_count <= 6
    error_message = "zone_count must be 2 to 6 (EKS needs two zones; the subnet plan holds six)."
  }
}

variable "deploy_role_arn" {
  type        = string
  description = "The IAM role the deploy workflow assumes for this environment (the account root's ci-identity makes it); it gets cluster admin through an access entry."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", var.deploy_role_arn))
    error_message = "deploy_role_arn must be an IAM role ARN, e.g. \"arn:aws:iam::111122223333:role/ainow-production-deploy\"."
  }
}

variable "addon_roles" {
  type = object({
    load_balancer_controller = string
    ebs_csi_driver           = string
    argo_rollouts            = string
    cluster_autoscaler       = string
  })
  description = "IAM role names of the add-ons' service accounts (kube-system/aws-load-balancer-controller, kube-system/ebs-csi-controller-sa, argo-rollouts/argo-rollouts, kube-system/cluster-autoscaler)."
}

variable "collector" {
  type = object({
    namespace       = string
    service_account = string
    identity        = string
  })
  description = "The OpenTelemetry Collector's service account and the IAM role (IRSA) it assumes, named identity: it may write to the log_groups and send traces to X-Ray, nothing else."

  validation {
    condition     = !contains(keys(var.workloads), var.collector.service_account)
    error_message = "collector.service_account names a workload too; the two would share one IAM role."
  }
}

variable "log_groups" {
  type = map(object({
    name           = string
    retention_days = number
  }))
  description = "The CloudWatch log groups the collector writes, by log type (application, audit), each kept retention_days."

  validation {
    condition     = alltrue([for group in values(var.log_groups) : contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], group.retention_days)])
    error_message = "Every log_groups[*].retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  }
}
