# Spaces encrypts objects at rest on its own (no setting to turn on); state stays private and every
# write is kept as a version, so a bad apply can be rolled back to the previous state file.
resource "digitalocean_spaces_bucket" "state" {
  name   = var.bucket
  region = var.region
  acl    = "private"

  versioning {
    enabled = true
  }

  lifecycle {
    prevent_destroy = true
  }
}
