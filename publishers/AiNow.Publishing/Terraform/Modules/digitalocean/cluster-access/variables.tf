variable "cluster_name" {
  type        = string
  description = "Name of the DOKS cluster whose API the kubernetes and helm providers talk to."
}
