locals {
  managed_postgres = var.stores.managed && var.stores.system_of_record

  postgres_instance_classes = {
    small  = "db.t4g.medium"
    medium = "db.r7g.large"
    large  = "db.r7g.xlarge"
  }

  cache_node_types = {
    small  = "cache.t4g.small"
    medium = "cache.r7g.large"
    large  = "cache.r7g.xlarge"
  }

  postgres_major = split(".", var.stores.postgres_version)[0]
  database_name  = one(keys(var.databases))
  # The master user is the databases' owner; RDS allows letters, digits and underscores only.
  postgres_owner = "${replace(var.name, "-", "_")}_owner"

  # ElastiCache serves Valkey as major.minor: a bare major ("7", "8") maps to its first ElastiCache release.
  cache_engine_version = length(split(".", var.stores.redis_version)) > 1 ? var.stores.redis_version : (var.stores.redis_version == "7" ? "7.2" : "${var.stores.redis_version}.0")
  cache_engine_major   = split(".", local.cache_engine_version)[0]
}

resource "aws_kms_key" "data" {
  description             = "Data at rest of ${var.name} (${var.environment}): PostgreSQL, Valkey, secret entries, images"
  enable_key_rotation     = true
  deletion_window_in_days = 30

  tags = var.labels
}

resource "aws_kms_alias" "data" {
  name          = "alias/${var.name}-data"
  target_key_id = aws_kms_key.data.key_id
}

resource "random_password" "postgres_owner" {
  count = local.managed_postgres ? 1 : 0

  length  = 32
  special = false
}

resource "aws_db_subnet_group" "postgres" {
  count = local.managed_postgres ? 1 : 0

  name        = "${var.name}-postgres"
  description = "Private subnets of ${var.name}"
  subnet_ids  = aws_subnet.private[*].id

  tags = var.labels
}

resource "aws_db_parameter_group" "postgres" {
  count = local.managed_postgres ? 1 : 0

  name_prefix = "${var.name}-postgres${local.postgres_major}-"
  family      = "postgres${local.postgres_major}"
  description = "TLS-only PostgreSQL ${local.postgres_major} for ${var.name}"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_connections"
    value = "1"
  }

  parameter {
    name  = "log_disconnections"
    value = "1"
  }

  tags = var.labels

  # A major upgrade needs the new family's group in place before the old one goes.
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "postgres" {
  for_each = local.managed_postgres ? toset(["postgresql", "upgrade"]) : toset([])

  name              = "/aws/rds/instance/${var.name}-postgres/${each.value}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.audit.arn

  tags = var.labels
}

resource "aws_db_instance" "postgres" {
  count = local.managed_postgres ? 1 : 0

  identifier     = "${var.name}-postgres"
  engine         = "postgres"
  engine_version = var.stores.postgres_version
  instance_class = local.postgres_instance_classes[var.stores.tier]
  port           = var.stores.postgres_port
  db_name        = local.database_name
  username       = local.postgres_owner
  password       = random_password.postgres_owner[0].result

  # gp3 volumes start at 20 GiB on RDS; storage autoscaling may grow them to four times the request.
  allocated_storage     = max(var.stores.storage_gb, 20)
  max_allocated_storage = max(var.stores.storage_gb, 20) * 4
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = aws_kms_key.data.arn

  db_subnet_group_name   = aws_db_subnet_group.postgres[0].name
  vpc_security_group_ids = [aws_security_group.postgres[0].id]
  parameter_group_name   = aws_db_parameter_group.postgres[0].name
  publicly_accessible    = false
  multi_az               = var.stores.high_availability

  backup_retention_period   = var.stores.backup_retention_days
  copy_tags_to_snapshot     = true
  deletion_protection       = var.stores.deletion_protection
  skip_final_snapshot       = !var.stores.deletion_protection
  final_snapshot_identifier = var.stores.deletion_protection ? "${var.name}-postgres-final" : null
  delete_automated_backups  = !var.stores.deletion_protection

  auto_minor_version_upgrade  = true
  allow_major_version_upgrade = false

  enabled_cloudwatch_logs_exports       = ["postgresql", "upgrade"]
  performance_insights_enabled          = var.production_grade
  performance_insights_kms_key_id       = var.production_grade ? aws_kms_key.data.arn : null
  performance_insights_retention_period = var.production_grade ? 7 : null

  tags = var.labels

  lifecycle {
    precondition {
      condition     = length(var.databases) == 1
      error_message = "The system of record needs its database in var.databases."
    }
  }

  depends_on = [aws_cloudwatch_log_group.postgres]
}

resource "random_password" "runtime" {
  for_each = local.managed_postgres ? var.databases : {}

  length  = 32
  special = false
}

resource "random_password" "redis_auth" {
  count = var.stores.managed ? 1 : 0

  # A Redis connection string cannot quote ',' or '='.
  length  = 32
  special = false
}

resource "aws_elasticache_subnet_group" "redis" {
  count = var.stores.managed ? 1 : 0

  name        = "${var.name}-cache"
  description = "Private subnets of ${var.name}"
  subnet_ids  = aws_subnet.private[*].id

  tags = var.labels
}

resource "aws_cloudwatch_log_group" "redis" {
  count = var.stores.managed ? 1 : 0

  name              = "/aws/elasticache/${var.name}-cache"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.audit.arn

  tags = var.labels
}

# Evict only keys with an expiry (the caches), never the gateway's rate-limit counters, which have none:
# evicting one would silently reset a tenant's limit, and noeviction would fail cache writes and counters alike
# once memory is full. ElastiCache sizes maxmemory from the node type. Same policy as the in-cluster Redis
# (AiNow.AppHost/CacheMemoryPolicy.cs).
resource "aws_elasticache_parameter_group" "redis" {
  count = var.stores.managed ? 1 : 0

  name        = "${var.name}-cache-valkey${local.cache_engine_major}"
  family      = "valkey${local.cache_engine_major}"
  description = "Cache of ${var.name}: evict only keys with an expiry"

  parameter {
    name  = "maxmemory-policy"
    value = "volatile-lru"
  }

  tags = var.labels

  # A major upgrade needs the new family's group in place before the old one goes.
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_elasticache_replication_group" "redis" {
  count = var.stores.managed ? 1 : 0

  replication_group_id = "${var.name}-cache"
  description          = "Valkey cache of ${var.name}"
  engine               = "valkey"
  engine_version       = local.cache_engine_version
  node_type            = local.cache_node_types[var.stores.tier]
  port                 = var.stores.redis_port
  parameter_group_name = aws_elasticache_parameter_group.redis[0].name

  num_cache_clusters         = var.stores.high_availability ? 2 : 1
  automatic_failover_enabled = var.stores.high_availability
  multi_az_enabled           = var.stores.high_availability

  subnet_group_name  = aws_elasticache_subnet_group.redis[0].name
  security_group_ids = [aws_security_group.redis[0].id]

  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.data.arn
  transit_encryption_enabled = true
  auth_token                 = random_password.redis_auth[0].result

  snapshot_retention_limit   = var.stores.backup_retention_days
  final_snapshot_identifier  = var.stores.deletion_protection ? "${var.name}-cache-final" : null
  auto_minor_version_upgrade = true

  log_delivery_configuration {
    destination      = aws_cloudwatch_log_group.redis[0].name
    destination_type = "cloudwatch-logs"
    log_format       = "json"
    log_type         = "engine-log"
  }

  tags = var.labels
}
