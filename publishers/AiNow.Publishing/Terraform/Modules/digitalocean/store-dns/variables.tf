variable "zone_names" {
  type        = map(string)
  description = "Private store names the overlays use, each mapped to the host name that really serves it (\"redis.digitalocean.production.ainow.internal\" = the Valkey cluster's private host; the system of record's name = its address)."

  validation {
    condition = alltrue([
      for name, host in var.zone_names :
      can(regex("^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]([a-z0-9-]*[a-z0-9])?\\.?$", lower(name))) &&
      can(regex("^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]([a-z0-9-]*[a-z0-9])?\\.?$", lower(host)))
    ])
    error_message = "zone_names must map DNS names to DNS names (CoreDNS rewrites a name to another name; an IP address cannot be a target here)."
  }
}

variable "labels" {
  type        = map(string)
  description = "Kubernetes labels on the ConfigMap."
}
