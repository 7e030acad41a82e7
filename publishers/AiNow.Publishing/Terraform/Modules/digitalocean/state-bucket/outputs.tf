output "bucket" {
  description = "Name of the state bucket."
  value       = digitalocean_spaces_bucket.state.name
}

output "endpoint" {
  description = "S3-compatible endpoint of the bucket's region (https://<region>.digitaloceanspaces.com), for the roots' s3 backend."
  value       = "https://${digitalocean_spaces_bucket.state.endpoint}"
}
