variable "addons" {
  description = "The add-ons to install, by release name: pinned chart, namespace, the --set values, whether it goes first (its webhooks admit other objects) and whether Helm waits for it (not for a LoadBalancer Service whose address pool a later stage makes)."
  type = map(object({
    repository = string
    chart      = string
    version    = string
    namespace  = string
    early      = bool
    wait       = bool
    settings = list(object({
      name  = string
      value = string
    }))
  }))
}

variable "values" {
  description = "A Helm values document (YAML) per release name, for what --set cannot carry: a whole configuration file given as one value. Maps in it merge over the chart's defaults and lists replace them; the settings apply after it."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for name in keys(var.values) : contains(keys(var.addons), name)])
    error_message = "Every key of values must be a release in addons."
  }
}
