output "oidc_provider_arn" {
  description = "The account's OIDC provider for GitHub Actions."
  value       = aws_iam_openid_connect_provider.github.arn
}

output "release_role_arn" {
  description = "The role the release workflow assumes (aws-actions/configure-aws-credentials role-to-assume)."
  value       = aws_iam_role.release.arn
}

output "deploy_role_arns" {
  description = "The role each GitHub environment's deploy jobs assume, by environment."
  value       = { for environment, role in aws_iam_role.deploy : environment => role.arn }
}
