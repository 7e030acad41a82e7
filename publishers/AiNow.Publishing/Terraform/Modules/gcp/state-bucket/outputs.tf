output "bucket" {
  description = "The state bucket's name (the gcs backend's bucket)."
  value       = google_storage_bucket.state.name
}

output "url" {
  description = "The state bucket's gs:// URL."
  value       = google_storage_bucket.state.url
}
