terraform {
  required_version = ">= 1.11"

  required_providers {
    random = {
      source = "hashicorp/random"
    }
    vault = {
      source = "hashicorp/vault"
    }
  }
}
