output "names" {
  description = "The private names CoreDNS now rewrites, sorted."
  value       = sort([for name in keys(kubernetes_config_map_v1.coredns_custom.data) : trimsuffix(name, ".override")])
}
