output "binding" {
  description = "The ClusterRoleBinding that lets Vault review the service account's logins."
  value       = kubernetes_cluster_role_binding_v1.token_review.metadata[0].name
}
