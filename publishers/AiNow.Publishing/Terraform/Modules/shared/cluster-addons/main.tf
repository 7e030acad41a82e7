locals {
  early = { for name, addon in var.addons : name => addon if addon.early }
  later = { for name, addon in var.addons : name => addon if !addon.early }
}

# Controllers with admission webhooks (the AWS Load Balancer Controller mutates Services and pods,
# MetalLB validates its pools) must answer before the other charts create objects through them.
resource "helm_release" "early" {
  for_each = local.early

  name             = each.key
  repository       = each.value.repository
  chart            = each.value.chart
  version          = each.value.version
  namespace        = each.value.namespace
  create_namespace = true
  atomic           = true
  cleanup_on_fail  = true
  wait             = each.value.wait
  timeout          = 900
  max_history      = 10
  values           = compact([lookup(var.values, each.key, "")])
  set              = each.value.settings
}

resource "helm_release" "addon" {
  for_each = local.later

  name             = each.key
  repository       = each.value.repository
  chart            = each.value.chart
  version          = each.value.version
  namespace        = each.value.namespace
  create_namespace = true
  atomic           = true
  cleanup_on_fail  = true
  wait             = each.value.wait
  timeout          = 900
  max_history      = 10
  values           = compact([lookup(var.values, each.key, "")])
  set              = each.value.settings

  depends_on = [helm_release.early]
}
