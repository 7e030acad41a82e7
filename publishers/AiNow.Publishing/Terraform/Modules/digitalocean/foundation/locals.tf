locals {
  # DigitalOcean tags are flat names limited to [A-Za-z0-9:_-]; labels become "key:value".
  tags = sort(distinct([
    for k, v in merge({ environment = var.environment }, var.labels) :
    substr(replace("${k}:${v}", "/[^A-Za-z0-9:_-]/", "-"), 0, 255)
  ]))

  # Three disjoint ranges inside network_cidr: DOKS rejects a pod or service range overlapping a VPC.
  vpc_range      = cidrsubnet(var.network_cidr, 4, 0)
  service_subnet = cidrsubnet(var.network_cidr, 4, 1)
  cluster_subnet = cidrsubnet(var.network_cidr, 1, 1)

  node_sizes = {
    small  = "s-2vcpu-4gb"
    medium = "s-4vcpu-8gb"
    large  = "s-8vcpu-16gb"
  }
  # One NVIDIA H100 per node; GPU Droplets exist only in some regions (not every region that runs DOKS).
  gpu_node_size = "gpu-h100x1-80gb"

  # Standby nodes need at least the 2 GB size, so "small" starts there.
  database_sizes = {
    small  = "db-s-1vcpu-2gb"
    medium = "db-s-2vcpu-4gb"
    large  = "db-s-4vcpu-8gb"
  }
  # The disk each PostgreSQL size comes with; storage_size_mib may only grow it.
  database_base_storage_gb = {
    small  = 25
    medium = 38
    large  = 115
  }

  # DigitalOcean retired managed Redis; Valkey 8 is the only cache it creates and serves Redis 7 clients.
  valkey_version = "8"

  postgres_enabled = var.stores.managed && var.stores.system_of_record
  cache_enabled    = var.stores.managed
}
