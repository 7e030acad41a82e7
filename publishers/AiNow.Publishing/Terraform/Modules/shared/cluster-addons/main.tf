locals {
  early     = { for name, addon in var.addons : name => addon if addon.tier == "early" }
  main      = { for name, addon in var.addons : name => addon if addon.tier == "main" }
  monitored = { for name, addon in var.addons : name => addon if addon.tier == "monitored" }
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
  values           = lookup(var.values, each.key, [])
  set              = each.value.settings
}

resource "helm_release" "addon" {
  for_each = local.main

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
  values           = lookup(var.values, each.key, [])
  set              = each.value.settings

  depends_on = [helm_release.early]
}

# Releases that create Prometheus operator objects (a ServiceMonitor) fail until kube-prometheus-stack,
# one of the main tier, has installed their CRDs.
resource "helm_release" "monitored" {
  for_each = local.monitored

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
  values           = lookup(var.values, each.key, [])
  set              = each.value.settings

  depends_on = [helm_release.addon]
}

# cert-manager was of the main tier until its chart made a ServiceMonitor: the move keeps its release
# (and the certificates it issued) instead of uninstalling it and installing it again.
moved {
  from = helm_release.addon["cert-manager"]
  to   = helm_release.monitored["cert-manager"]
}
