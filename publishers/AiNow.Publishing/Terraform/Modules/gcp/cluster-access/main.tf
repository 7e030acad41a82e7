# The caller's own credentials: the token is the deploying identity's short-lived OAuth access token.
data "google_client_config" "current" {}

data "google_container_cluster" "this" {
  project  = var.project
  name     = var.cluster_name
  location = var.region
}
