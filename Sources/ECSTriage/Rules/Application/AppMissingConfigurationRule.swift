/// The application stopped because a setting it requires is absent or
/// wrong: an environment variable, a secret, or the credentials and TLS
/// its database asks for. In ECS these come from the container's
/// `environment`, `environmentFiles` and `secrets` (ContainerDefinition in
/// botocore's ECS model, data/ecs/2014-11-13/service-2.json).
struct AppMissingConfigurationRule: Rule {
    static let description = RuleDescription(
        id: "app-missing-configuration", title: "A required setting of the application is missing or wrong", category: .runtime,
        severity: .high, explains: [.applicationCrash],
        examples: [
            .triggers("KeyError on an environment variable", """
                Traceback (most recent call last):
                  File "/app/settings.py", line 3, in <module>
                    DATABASE_URL = os.environ['DATABASE_URL']
                KeyError: 'DATABASE_URL'
                """, resources: [""], confidence: .likely),
            .triggers("Spring placeholder", #"Caused by: java.lang.IllegalArgumentException: Could not resolve placeholder 'DB_USER' in value "${DB_USER}""#,
                      resources: [""], confidence: .likely),
            .triggers("PostgreSQL password rejected", #"2020-02-14 17:26:38.505 UTC [62] FATAL:  password authentication failed for user "postgres""#,
                      resources: [""], confidence: .likely),
            .quiet("a KeyError on a dictionary key is a bug, not configuration", "KeyError: 'id'"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.crashFindings(context) { symptom, signature, _ in
            let name = signature.variableName(in: symptom.message)
            return NamedCauseDetail(title: Self.title(signature, variable: name), resources: symptom.resourceList,
                                    fix: Self.fix(signature, variable: name),
                                    missingEvidence: [CrashWording.taskDefinitionEvidence("the container's environment, environmentFiles and secrets")])
        }
    }
}

// MARK: Messages and fixes

extension AppMissingConfigurationRule {
    static func title(_ signature: CrashSignature, variable: String?) -> String {
        let what: String
        switch signature.kind {
        case "db-auth-failed": what = "The database rejected the application's user name or password"
        case "db-tls-required": what = "The database requires an encrypted connection and the application connected without TLS"
        case "missing-secret": what = "The application started without a secret it needs"
        default: what = variable.map { "The application requires the setting \($0), which the container does not have" }
            ?? "The application stopped on a missing or invalid setting"
        }
        return what + CrashWording.printedBy(signature)
    }

    static func fix(_ signature: CrashSignature, variable: String?) -> Fix {
        switch signature.kind {
        case "db-auth-failed":
            return Fix(summary: "Give the task the database's current credentials",
                       steps: ["The password the container receives is not the one the database expects: compare the secret the task "
                               + "definition's secrets valueFrom names (and its JSON key) with the database user's; a rotation may have changed it.",
                               "\"using password: NO\" means no password reached the client: the variable is unset or named differently.",
                               "Secrets are read when the task starts: after changing the secret, start new tasks (update-service --force-new-deployment)."])
        case "db-tls-required":
            return Fix(summary: "Connect with TLS (sslmode=require or the client's TLS option)",
                       steps: ["The database accepts this client only over TLS (pg_hba.conf hostssl, RDS rds.force_ssl): set sslmode=require "
                               + "(or verify-full with the RDS CA bundle in the image) in the connection string or the client's options.",
                               "Pass the setting through the container's environment or secrets, like the rest of the connection string."])
        default:
            let name = variable ?? "the setting the log names"
            return Fix(summary: "Set \(name) in the container's environment or secrets",
                       steps: ["Add \(name) to the container definition: environment for plain values, secrets (valueFrom a Secrets Manager "
                               + "or Parameter Store ARN) for passwords and keys; the execution role must be allowed to read the secret.",
                               "Check the spelling and the container: each container of a task has its own environment.",
                               "Register the new revision and deploy it: running tasks keep the environment they started with."])
        }
    }
}
