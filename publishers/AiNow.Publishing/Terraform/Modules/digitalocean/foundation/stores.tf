# PostgreSQL: only on the system of record. Managed databases are encrypted at rest by the service
# and, with a firewall attached, accept connections only from the sources listed in it.
resource "digitalocean_database_cluster" "postgres" {
  count = local.postgres_enabled ? 1 : 0

  name                 = "${var.name}-postgres"
  engine               = "pg"
  version              = var.stores.postgres_version
  size                 = local.database_sizes[var.stores.tier]
  node_count           = var.stores.high_availability ? 2 : 1
  region               = var.region
  private_network_uuid = digitalocean_vpc.this.id
  # Never below the disk the size includes (DigitalOcean rejects a smaller one); growth in whole 10 GB.
  storage_size_mib = tostring(max(local.database_base_storage_gb[var.stores.tier], ceil(var.stores.storage_gb / 10) * 10) * 1024)
  tags             = local.tags

  maintenance_window {
    day  = "sunday"
    hour = "03:00"
  }
}

resource "digitalocean_database_db" "this" {
  for_each = local.postgres_enabled ? var.databases : {}

  cluster_id = digitalocean_database_cluster.postgres[0].id
  name       = each.key
}

resource "digitalocean_database_firewall" "postgres" {
  count = local.postgres_enabled ? 1 : 0

  cluster_id = digitalocean_database_cluster.postgres[0].id

  rule {
    type  = "k8s"
    value = digitalocean_kubernetes_cluster.this.id
  }

  # VPC-native pods connect from their own addresses, not their node's; the pod range is this cluster's alone.
  rule {
    type  = "ip_addr"
    value = local.cluster_subnet
  }

  dynamic "rule" {
    for_each = toset(var.peer_networks)

    content {
      type  = "ip_addr"
      value = rule.value
    }
  }
}

# The migrations job creates the runtime role with this password; the runtime connection string uses it.
resource "random_password" "runtime" {
  for_each = local.postgres_enabled ? var.databases : {}

  length  = 32
  special = false
}

# The cache: DigitalOcean Managed Valkey (its managed Redis is retired), TLS on port 25061.
resource "digitalocean_database_cluster" "valkey" {
  count = local.cache_enabled ? 1 : 0

  name                 = "${var.name}-valkey"
  engine               = "valkey"
  version              = local.valkey_version
  size                 = local.database_sizes[var.stores.tier]
  node_count           = var.stores.high_availability ? 2 : 1
  region               = var.region
  private_network_uuid = digitalocean_vpc.this.id
  # Evict only keys with an expiry (the caches), never the gateway's rate-limit counters, which have none:
  # evicting one would silently reset a tenant's limit, and noeviction would fail cache writes and counters
  # alike once memory is full. Same policy as AiNow.AppHost/CacheMemoryPolicy.cs (DigitalOcean spells it with _).
  eviction_policy = "volatile_lru"
  tags            = local.tags

  maintenance_window {
    day  = "sunday"
    hour = "03:00"
  }
}

resource "digitalocean_database_valkey_config" "this" {
  count = local.cache_enabled ? 1 : 0

  cluster_id = digitalocean_database_cluster.valkey[0].id
  # The overlays and the connection string expect TLS; pin it rather than rely on the default.
  ssl = true
}

resource "digitalocean_database_firewall" "valkey" {
  count = local.cache_enabled ? 1 : 0

  cluster_id = digitalocean_database_cluster.valkey[0].id

  rule {
    type  = "k8s"
    value = digitalocean_kubernetes_cluster.this.id
  }

  rule {
    type  = "ip_addr"
    value = local.cluster_subnet
  }
}
