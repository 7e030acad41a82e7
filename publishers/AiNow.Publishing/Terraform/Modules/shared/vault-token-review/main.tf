# Vault runs outside the cluster and has no reviewer token of its own: it asks the API server to
# review each login with the caller's own token, which only system:auth-delegator may do.
resource "kubernetes_cluster_role_binding_v1" "token_review" {
  metadata {
    name = var.name
  }

  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "system:auth-delegator"
  }

  subject {
    kind      = "ServiceAccount"
    name      = var.service_account
    namespace = var.namespace
  }
}
