locals {
  services = toset([
    "artifactregistry.googleapis.com",
    "binaryauthorization.googleapis.com",
    "cloudresourcemanager.googleapis.com",
    # The collector's traces: without the API the project refuses them.
    "cloudtrace.googleapis.com",
    "compute.googleapis.com",
    "container.googleapis.com",
    "dns.googleapis.com",
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "redis.googleapis.com",
    "secretmanager.googleapis.com",
    "servicenetworking.googleapis.com",
    "sqladmin.googleapis.com",
    "sts.googleapis.com",
  ])

  # Slices of the target's range: nodes, services and the stores' private service access get a /20 each
  # (of a /16), pods the second quarter; the upper half stays free for more pod ranges.
  nodes_cidr    = cidrsubnet(var.network_cidr, 4, 0)
  services_cidr = cidrsubnet(var.network_cidr, 4, 1)
  stores_cidr   = cidrsubnet(var.network_cidr, 4, 2)
  pods_cidr     = cidrsubnet(var.network_cidr, 2, 1)

  # Google Front Ends and health checkers: the only sources the load balancer's traffic comes from.
  load_balancer_ranges = ["35.191.0.0/16", "130.211.0.0/22"]

  node_tag = "${var.name}-node"
}

resource "google_project_service" "this" {
  for_each = local.services

  project = var.project
  service = each.value

  # Other roots share the project; switching an API off here would break them.
  disable_on_destroy         = false
  disable_dependent_services = false
}

resource "google_compute_network" "this" {
  project                 = var.project
  name                    = var.name
  description             = "AI-Now ${var.environment}: cluster and managed stores."
  auto_create_subnetworks = false
  routing_mode            = "REGIONAL"

  depends_on = [google_project_service.this]
}

resource "google_compute_subnetwork" "nodes" {
  project                  = var.project
  name                     = "${var.name}-nodes"
  region                   = var.region
  network                  = google_compute_network.this.id
  ip_cidr_range            = local.nodes_cidr
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "${var.name}-pods"
    ip_cidr_range = local.pods_cidr
  }

  secondary_ip_range {
    range_name    = "${var.name}-services"
    ip_cidr_range = local.services_cidr
  }

  # Flow logs: the network-side audit trail of who talked to what.
  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

# Private nodes have no external address: Cloud NAT is their only way out (image pulls, upstream APIs).
resource "google_compute_router" "this" {
  project = var.project
  name    = "${var.name}-router"
  region  = var.region
  network = google_compute_network.this.id
}

resource "google_compute_router_nat" "this" {
  project                             = var.project
  name                                = "${var.name}-nat"
  router                              = google_compute_router.this.name
  region                              = var.region
  nat_ip_allocate_option              = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat  = "ALL_SUBNETWORKS_ALL_IP_RANGES"
  enable_dynamic_port_allocation      = true
  enable_endpoint_independent_mapping = false
  min_ports_per_vm                    = 64
  max_ports_per_vm                    = 4096

  log_config {
    enable = true
    filter = "ERRORS_ONLY"
  }
}

# Ingress is denied by default (the VPC's implied rule); GKE adds its own control-plane and intra-cluster
# rules. The load balancer reaches pods directly (container-native NEGs) on ports the workloads choose,
# so this admits TCP from Google's front ends only; the pods' NetworkPolicy narrows it to the gateway.
resource "google_compute_firewall" "load_balancer" {
  project       = var.project
  name          = "${var.name}-allow-load-balancer"
  network       = google_compute_network.this.id
  description   = "Google Front Ends and health checkers to the nodes and pods of ${var.name}."
  direction     = "INGRESS"
  priority      = 1000
  source_ranges = local.load_balancer_ranges
  target_tags   = [local.node_tag]

  allow {
    protocol = "tcp"
  }

  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}

# Private service access: Cloud SQL and Memorystore get addresses from a slice of the target's own range,
# so the overlays' egress policies (which allow the whole range) cover them.
resource "google_compute_global_address" "stores" {
  count = var.stores.managed ? 1 : 0

  project       = var.project
  name          = "${var.name}-stores"
  description   = "Private service access range of ${var.name}'s managed stores."
  purpose       = "VPC_PEERING"
  address_type  = "INTERNAL"
  address       = cidrhost(local.stores_cidr, 0)
  prefix_length = tonumber(split("/", local.stores_cidr)[1])
  network       = google_compute_network.this.id
}

resource "google_service_networking_connection" "stores" {
  count = var.stores.managed ? 1 : 0

  network                 = google_compute_network.this.id
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [google_compute_global_address.stores[0].name]

  # Removing the peering fails while the producer still holds instances; abandoning it lets destroy finish.
  deletion_policy = "ABANDON"
}

# Peer targets reach Cloud SQL through this VPC (interconnect / VPN routes): the producer network only
# learns the way back if the peering exports this VPC's custom routes.
resource "google_compute_network_peering_routes_config" "stores" {
  count = var.stores.managed && var.stores.system_of_record && length(var.peer_networks) > 0 ? 1 : 0

  project              = var.project
  network              = google_compute_network.this.name
  peering              = google_service_networking_connection.stores[0].peering
  export_custom_routes = true
  import_custom_routes = false
}
