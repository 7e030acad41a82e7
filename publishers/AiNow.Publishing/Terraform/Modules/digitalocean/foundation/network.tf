resource "digitalocean_vpc" "this" {
  name        = "${var.name}-vpc"
  region      = var.region
  ip_range    = local.vpc_range
  description = "Nodes, load balancers and managed stores of ${var.name}; pods use ${local.cluster_subnet}, services ${local.service_subnet}"
}
