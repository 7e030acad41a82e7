variable "addons" {
  description = "The add-ons to install, by release name: pinned chart, namespace, the --set values, and whether it goes first (its webhooks admit other objects)."
  type = map(object({
    repository = string
    chart      = string
    version    = string
    namespace  = string
    early      = bool
    settings = list(object({
      name  = string
      value = string
    }))
  }))
}
