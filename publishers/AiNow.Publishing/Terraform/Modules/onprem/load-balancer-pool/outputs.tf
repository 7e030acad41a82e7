output "pool" {
  description = "The address pool's name."
  value       = kubernetes_manifest.pool.manifest.metadata.name
}
