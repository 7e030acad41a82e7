variable "zone" {
  type        = string
  description = "Route53 public zone holding the global and per-target names, e.g. \"ainow.example.com\"."
}

variable "hostname" {
  type        = string
  description = "Global host name in front of every target, e.g. \"api.ainow.example.com\"."

  validation {
    # The global name is a CNAME: it cannot be the zone apex.
    condition     = endswith(var.hostname, ".${var.zone}")
    error_message = "hostname must be a name below zone (not its apex)."
  }
}

variable "targets" {
  type = map(object({
    hostname    = string
    address     = string
    record_type = string
    weight      = number
    own_record  = bool
  }))
  description = "Targets keyed by name: their own host name, their load balancer's address (a DNS name for CNAME, an IPv4 address for A), weight, and whether this module writes the target's own record (false where the target's own stage already does)."

  validation {
    condition     = alltrue([for target in values(var.targets) : contains(["CNAME", "A"], target.record_type)])
    error_message = "record_type must be CNAME (load balancer name) or A (IP address)."
  }

  validation {
    condition     = alltrue([for target in values(var.targets) : target.weight >= 0 && target.weight <= 255 && target.address != ""])
    error_message = "Every target needs an address and a weight between 0 and 255."
  }
}
