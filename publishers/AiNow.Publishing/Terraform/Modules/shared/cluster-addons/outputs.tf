output "releases" {
  description = "The installed releases and their chart versions."
  value       = { for name, release in merge(helm_release.early, helm_release.addon) : name => "${release.chart} ${release.version}" }
}
