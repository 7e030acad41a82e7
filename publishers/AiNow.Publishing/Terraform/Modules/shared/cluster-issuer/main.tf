# One issuer for every cloud: DNS-01 works behind any load balancer and for the global name that
# several clouds serve at once, which HTTP-01 cannot prove from any single one of them.
resource "kubernetes_manifest" "issuer" {
  manifest = {
    apiVersion = "cert-manager.io/v1"
    kind       = "ClusterIssuer"
    metadata = {
      name = var.name
    }
    spec = {
      acme = {
        email  = var.email
        server = var.acme_server
        privateKeySecretRef = {
          name = "${var.name}-account-key"
        }
        solvers = [{
          selector = {
            dnsZones = [var.dns_zone]
          }
          dns01 = {
            route53 = {
              # Route53 is global; the API answers in any region.
              region = "us-east-1"
              accessKeyIDSecretRef = {
                name = var.credentials_secret
                key  = "access-key-id"
              }
              secretAccessKeySecretRef = {
                name = var.credentials_secret
                key  = "secret-access-key"
              }
            }
          }
        }]
      }
    }
  }
}
