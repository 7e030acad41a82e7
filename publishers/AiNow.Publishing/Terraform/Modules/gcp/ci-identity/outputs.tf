output "workload_identity_provider" {
  description = "The provider's resource name, which google-github-actions/auth takes (projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>)."
  value       = google_iam_workload_identity_pool_provider.github.name
}

output "release_service_account" {
  description = "The release workflow's service account."
  value       = google_service_account.release.email
}

output "deploy_service_accounts" {
  description = "The deploy service account of each GitHub environment."
  value       = { for environment, account in google_service_account.deploy : environment => account.email }
}
