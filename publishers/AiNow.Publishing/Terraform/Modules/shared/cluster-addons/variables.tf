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
