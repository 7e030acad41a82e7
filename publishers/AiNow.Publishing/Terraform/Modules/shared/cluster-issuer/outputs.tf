output "issuer" {
  description = "The ClusterIssuer's name."
  value       = kubernetes_manifest.issuer.manifest.metadata.name
}
