resource "kubernetes_manifest" "pool" {
  manifest = {
    apiVersion = "metallb.io/v1beta1"
    kind       = "IPAddressPool"
    metadata = {
      name      = "default"
      namespace = var.namespace
    }
    spec = {
      addresses = var.addresses
    }
  }
}

resource "kubernetes_manifest" "advertisement" {
  manifest = {
    apiVersion = "metallb.io/v1beta1"
    kind       = "L2Advertisement"
    metadata = {
      name      = "default"
      namespace = var.namespace
    }
    spec = {
      ipAddressPools = ["default"]
    }
  }

  depends_on = [kubernetes_manifest.pool]
}
