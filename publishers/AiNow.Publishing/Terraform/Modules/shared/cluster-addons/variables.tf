variable "addons" {
  description = "The add-ons to install, by release name: pinned chart, namespace, the --set values, its tier (early: its webhooks admit other objects; main; monitored: it creates Prometheus operator objects, whose CRDs a main release installs) and whether Helm waits for it (not for a LoadBalancer Service whose address pool a later stage makes)."
  type = map(object({
    repository = string
    chart      = string
    version    = string
    namespace  = string
    tier       = string
    wait       = bool
    settings = list(object({
      name  = string
      value = string
    }))
  }))

  validation {
    condition     = alltrue([for addon in values(var.addons) : contains(["early", "main", "monitored"], addon.tier)])
    error_message = "Every add-on's tier must be early, main or monitored."
  }
}

variable "values" {
  description = "Helm values documents (YAML) per release name, applied in order like several -f files, for what --set cannot carry: the chart settings that follow from the published configuration, and a whole configuration file given as one value. Maps in them merge over the chart's defaults and lists replace them; the --set values apply after them."
  type        = map(list(string))
  default     = {}

  validation {
    condition     = alltrue([for name in keys(var.values) : contains(keys(var.addons), name)])
    error_message = "Every key of values must be a release in addons."
  }
}
