/// An `aws_ecs_service` resource naming the service and its cluster, with
/// the changed arguments: a whole resource `terraform validate` accepts,
/// standing for the service as the user's configuration defines it.
enum ServiceTerraform {
    /// `lines` are the changed arguments and blocks, each line as it reads inside the resource.
    static func resource(service: String, cluster: String, _ lines: [String]) -> String {
        """
        resource "aws_ecs_service" "\(TerraformName.label(service))" {
          name    = "\(service)"
          cluster = "\(cluster)"
          # ...the rest of the service as it is
        \(lines.map { "  " + $0 }.joined(separator: "\n"))
        }
        """
    }
}
