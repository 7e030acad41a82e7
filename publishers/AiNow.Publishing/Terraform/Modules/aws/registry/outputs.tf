output "registry_url" {
  description = "The registry host the repositories live under."
  value       = "${data.aws_caller_identity.current.account_id}.dkr.ecr.${var.region}.amazonaws.com"
}

output "repositories" {
  description = "The repositories' URLs."
  value       = { for name, repository in aws_ecr_repository.image : name => repository.repository_url }
}
