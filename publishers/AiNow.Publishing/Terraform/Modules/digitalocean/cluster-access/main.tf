# Read on every plan: DOKS issues a fresh token (valid for 7 days by default) with each read.
data "digitalocean_kubernetes_cluster" "this" {
  name = var.cluster_name
}
