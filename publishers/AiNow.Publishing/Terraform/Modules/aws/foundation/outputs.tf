output "cluster_name" {
  description = "EKS cluster name."
  value       = aws_eks_cluster.main.name
}

output "cluster_endpoint" {
  description = "EKS API server endpoint."
  value       = aws_eks_cluster.main.endpoint
}

output "registry_url" {
  description = "ECR registry host the repositories live under."
  value       = "${local.account_id}.dkr.ecr.${var.region}.${local.dns_suffix}"
}

output "postgres_address" {
  description = "This target's PostgreSQL endpoint host when it is the system of record, else \"\"."
  value       = local.managed_postgres ? aws_db_instance.postgres[0].address : ""
}

output "redis_address" {
  description = "This target's Valkey primary endpoint host, or \"\" when stores run in the cluster."
  value       = var.stores.managed ? aws_elasticache_replication_group.redis[0].primary_endpoint_address : ""
}

output "network_id" {
  description = "VPC ID."
  value       = aws_vpc.main.id
}

output "public_address" {
  description = "Reserved public address: none on AWS (the ALB is addressed by name), so \"\"."
  value       = ""
}

output "secret_entries" {
  description = "Names of the Secrets Manager entries this module created."
  value       = sort(tolist(local.entries))
}
