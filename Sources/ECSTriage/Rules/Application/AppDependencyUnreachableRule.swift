/// The application's own log says it could not reach something it needs at
/// start (a database, a cache, an API): the name did not resolve, the
/// connection was refused or timed out. Inside a task, `localhost` is the
/// task itself (in awsvpc mode every container of the task shares one network
/// namespace: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html),
/// and names resolve through the VPC's DNS (Docker Compose service names do not exist).
struct AppDependencyUnreachableRule: Rule {
    static let description = RuleDescription(
        id: "app-dependency-unreachable", title: "The application could not reach a dependency", category: .dependencies,
        severity: .high, explains: [.applicationCrash],
        examples: [
            .triggers("psycopg2 connection refused at the end of a traceback", """
                Traceback (most recent call last):
                  File "/app/app.py", line 4, in <module>
                    conn = psycopg2.connect(os.environ["DATABASE_URL"])
                psycopg2.OperationalError: connection to server at "localhost" (127.0.0.1), port 5432 failed: Connection refused
                """, resources: [""], confidence: .likely),
            .triggers("Node getaddrinfo ENOTFOUND", "Error: getaddrinfo ENOTFOUND db.nonexistent.invalid", resources: [""], confidence: .likely),
            .triggers("Go dial timeout", #"level=error ts=2019-04-30T02:47:07.114948565Z caller=log.go:33 err="dial tcp: i/o timeout""#,
                      resources: [""], confidence: .likely),
            .quiet("a connection that later succeeded is not the last words", """
                Error: connect ECONNREFUSED 10.0.1.12:5432
                retrying in 2s
                Traceback (most recent call last):
                ModuleNotFoundError: No module named 'flask_sqlalchemy'
                """),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.crashFindings(context) { symptom, signature, _ in
            NamedCauseDetail(title: Self.title(signature), resources: symptom.resourceList, fix: Self.fix(signature),
                             missingEvidence: signature.kind == "dns-failure" ? [Self.networkEvidence] : [])
        }
    }
}

// MARK: Messages and fixes

extension AppDependencyUnreachableRule {
    static func title(_ signature: CrashSignature) -> String {
        let what: String
        switch signature.kind {
        case "dns-failure": what = "The application could not resolve a dependency's host name"
        case "connection-timeout": what = "The application timed out connecting to a dependency"
        case "host-unreachable", "network-unreachable": what = "The application found no route to a dependency"
        case "db-connection-failed": what = "The application could not open a connection to its database"
        case "db-local-socket": what = "The application looked for its database on a local socket: no database host is set"
        default: what = "A dependency refused the application's connection"
        }
        return what + CrashWording.printedBy(signature)
    }

    static let networkEvidence = MissingEvidence(
        why: "the task's VPC, to check its DNS attributes (rules vpc-dns-disabled, endpoint-private-dns-disabled)",
        command: "aws ecs describe-tasks --cluster <cluster> --tasks <task-id> --query 'tasks[].attachments[].details'")

    static func fix(_ signature: CrashSignature) -> Fix {
        switch signature.kind {
        case "dns-failure":
            return Fix(summary: "Give the application a host name the task's VPC resolves, or turn DNS on in the VPC",
                       steps: ["A task resolves names through the VPC's DNS resolver. A Docker Compose or Kubernetes service name does not exist "
                               + "there: use the database's or cache's endpoint name, or a Service Connect or Cloud Map name.",
                               "If the name is right: the VPC needs enableDnsSupport (and enableDnsHostnames for private names), a private "
                               + "hosted zone must be associated with the task's VPC. Next check: run ecs-triage on the task's network "
                               + "(rules vpc-dns-disabled, endpoint-private-dns-disabled, missing-vpc-endpoint).",
                               "Set the host name through the container's environment or secrets, so each environment names its own."])
        case "connection-timeout", "db-connection-failed", "host-unreachable", "network-unreachable":
            return Fix(summary: "Let the task reach the dependency: its security group, the route and the network ACLs",
                       steps: ["A timeout means packets were dropped: the dependency's security group must allow the task's security group "
                               + "on the dependency's port.",
                               "The task's subnets need a route to the dependency (same VPC, peering, Transit Gateway, or a NAT gateway "
                               + "for an Internet address); network ACLs must allow the return traffic.",
                               "Check the host and port the application uses (its environment) match the dependency's endpoint."])
        case "db-local-socket":
            return Fix(summary: "Set the database's host name in the container's environment or secrets",
                       steps: ["Without a host, PostgreSQL clients connect to a Unix socket on the container's own file system, where no "
                               + "server runs: set the host (PGHOST, DATABASE_URL, the framework's database host) to the database's endpoint.",
                               "Each environment (production, test, migrations) reads its own setting: set it for the one that ran here."])
        default:
            return Fix(summary: "Point the application at the dependency's address: localhost in a task is the task itself",
                       steps: ["Connection refused: the host answered but nothing listens on that port. In a task, localhost (127.0.0.1, ::1) "
                               + "is the task's own network namespace: only containers of the same task listen there.",
                               "A database or cache in another task, service or AWS service is reached by its endpoint name: set it in "
                               + "the container's environment or secrets.",
                               "A sidecar of the same task may not be listening yet: make the application wait for it (dependsOn with "
                               + "condition HEALTHY and a healthCheck on the sidecar) or retry at start.",
                               "Check the port: the dependency's own port, not the application's."])
        }
    }
}
