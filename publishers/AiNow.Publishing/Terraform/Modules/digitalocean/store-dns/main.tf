# DigitalOcean has no private DNS zones. DOKS's CoreDNS imports every "*.override" key of the
# kube-system/coredns-custom ConfigMap into its default server block
# (https://docs.digitalocean.com/products/kubernetes/how-to/customize-coredns/), so one rewrite per
# name makes the private names resolve, inside the cluster only, to the hosts that serve them.
# An exact-name rewrite also rewrites the answer back, so clients see the name they asked for.
resource "kubernetes_config_map_v1" "coredns_custom" {
  metadata {
    name      = "coredns-custom"
    namespace = "kube-system"
    labels    = var.labels
  }

  data = {
    for name, host in var.zone_names :
    "${trimsuffix(name, ".")}.override" => "rewrite name exact ${trimsuffix(name, ".")} ${trimsuffix(host, ".")}\n"
  }
}
