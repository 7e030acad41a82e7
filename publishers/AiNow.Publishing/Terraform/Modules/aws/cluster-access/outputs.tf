output "host" {
  description = "Kubernetes API server endpoint."
  value       = data.aws_eks_cluster.this.endpoint
}

output "cluster_ca_certificate" {
  description = "PEM certificate of the cluster's certificate authority."
  value       = base64decode(data.aws_eks_cluster.this.certificate_authority[0].data)
}

output "token" {
  description = "Bearer token for the kubernetes and helm providers (valid for 15 minutes)."
  value       = data.aws_eks_cluster_auth.this.token
  sensitive   = true
}
