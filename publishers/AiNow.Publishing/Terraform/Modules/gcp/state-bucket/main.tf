resource "google_storage_bucket" "state" {
  name          = var.bucket
  location      = var.region
  storage_class = "STANDARD"
  labels        = var.labels

  # Access by IAM only: no object ACLs, and never public whatever IAM says.
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  force_destroy = false

  # Every state write leaves the previous version behind, so a bad apply can be rolled back.
  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      with_state         = "ARCHIVED"
      num_newer_versions = 20
    }
    action {
      type = "Delete"
    }
  }

  lifecycle_rule {
    condition {
      with_state                 = "ARCHIVED"
      days_since_noncurrent_time = 90
    }
    action {
      type = "Delete"
    }
  }

  # The state of every root of the account lives here.
  lifecycle {
    prevent_destroy = true
  }
}
