data "digitalocean_kubernetes_versions" "this" {
  version_prefix = "${var.kubernetes_version}."
}

resource "digitalocean_kubernetes_cluster" "this" {
  name     = var.name
  region   = var.region
  version  = data.digitalocean_kubernetes_versions.this.latest_version
  vpc_uuid = digitalocean_vpc.this.id
  # VPC-native networking: pod and service addresses are routable in the VPC, inside network_cidr.
  cluster_subnet = local.cluster_subnet
  service_subnet = local.service_subnet
  ha             = var.production_grade
  auto_upgrade   = true
  surge_upgrade  = true
  # Needs the account's registry, which the account root creates before any environment.
  registry_integration = true
  tags                 = local.tags

  maintenance_policy {
    day        = "sunday"
    start_time = "04:00"
  }

  node_pool {
    name       = "${var.name}-default"
    size       = local.node_sizes[var.node_pool.size]
    auto_scale = true
    min_nodes  = var.node_pool.min_nodes
    max_nodes  = var.node_pool.max_nodes
    tags       = local.tags
  }

}

resource "digitalocean_kubernetes_node_pool" "gpu" {
  count = var.node_pool.max_gpu_nodes > 0 ? 1 : 0

  cluster_id = digitalocean_kubernetes_cluster.this.id
  name       = "${var.name}-gpu"
  size       = local.gpu_node_size
  # Scales from zero: a GPU node exists only while a pod that tolerates the taint is pending.
  auto_scale = true
  min_nodes  = 0
  max_nodes  = var.node_pool.max_gpu_nodes
  tags       = local.tags

  taint {
    key    = "nvidia.com/gpu"
    value  = "present"
    effect = "NoSchedule"
  }
}
