terraform {
  required_version = ">= 1.11"

  required_providers {
    kubernetes = {
      source = "hashicorp/kubernetes"
    }
  }
}
