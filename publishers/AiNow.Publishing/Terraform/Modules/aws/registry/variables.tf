variable "region" {
  description = "The region of the repositories; every environment's clusters in it pull from them."
  type        = string
}

variable "repositories" {
  description = "The image repositories, one per workload built from source (\"ainow/api\")."
  type        = list(string)
}

variable "labels" {
  description = "Tags on every repository."
  type        = map(string)
}
