import Foundation
import Testing
@testable import ECSTriage

/// A corpus of planted secrets (Fixtures/planted-secrets): none may appear in
/// any output format once redaction is on.
struct RedactionTests {
    static let corpus = ["Tests/ECSTriageTests/Fixtures/planted-secrets/snapshot.json", "Tests/ECSTriageTests/Fixtures/planted-secrets/ticket.txt"]

    /// Every secret planted in the corpus.
    static let planted = [
        "Planted-Env-Secret-7f3a9c",                      // environment value, also quoted in the ticket
        "PlantedEnvSessionKey42",                         // environment value, quoted in the ticket
        "PlantedBearerToken0x5e7",                        // bearer token in a service event
        "ghp_PlantedGithubToken00000000000000000001",     // GitHub token in a service event
        "Planted-Url-Password-51d2",                      // password in a URL, in a stopped reason
        "AKIAPLANTED0SECRET01",                           // AWS access key id
        "Planted-Pass-Param-99",                          // password=...
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTEDKEY",       // AWS secret access key
        "PlantedPrivateKeyBody",                          // inside a private key block
    ]
    static let accounts = ["111122223333", "444455556666"]

    let cli = CLITests()

    @Test func withoutRedactionTheCorpusReachesTheOutput() throws {
        // The control: otherwise the tests below would prove nothing.
        let json = try cli.run(["analyze", "--format", "json"] + Self.corpus).stdout
        for secret in Self.planted + Self.accounts { #expect(json.contains(secret), "\(secret) never reaches the report") }
    }

    @Test(arguments: [["--format", "json", "--redact"], ["--format", "text", "--redact"], ["--format", "markdown"],
                      ["--format", "markdown", "--redact"], ["--format", "json", "--redact-accounts"],
                      ["--format", "text", "--redact-accounts"], ["--format", "markdown", "--redact-accounts"]])
    func plantedSecretsNeverAppear(options: [String]) throws {
        let result = try cli.run(["analyze"] + options + Self.corpus)
        #expect(result.status == 1)
        for secret in Self.planted {
            #expect(!result.stdout.contains(secret), "\(secret) leaked with \(options)")
            #expect(!result.stderr.contains(secret))
        }
        #expect(result.stdout.contains("[REDACTED"))
        if options.contains("--redact-accounts") {
            for account in Self.accounts { #expect(!result.stdout.contains(account), "\(account) leaked with \(options)") }
            #expect(result.stdout.contains("arn:aws:ecs:us-east-1:ACCOUNT-1:task/prod/0f3c1"))
            #expect(result.stdout.contains("arn:aws:sts::ACCOUNT-2:assumed-role/web-execution"))
        } else {
            #expect(result.stdout.contains("111122223333"))
        }
    }

    @Test func noRedactTurnsTheMarkdownDefaultOff() throws {
        let markdown = try cli.run(["analyze", "--format", "markdown", "--no-redact"] + Self.corpus).stdout
        #expect(markdown.contains("Planted-Pass-Param-99"))
    }

    @Test func snapshotRedactionReplacesEveryEnvironmentValue() throws {
        let bytes = try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent(Self.corpus[0]))
        var redactor = Redactor(accounts: true)
        let redacted = JSONWriter.write(redactor.redact(try JSONParser.parse([UInt8](bytes))))
        for secret in Self.planted + Self.accounts { #expect(!redacted.contains(secret), "\(secret) leaked from the snapshot") }
        // Every value, whatever it looks like; names stay.
        #expect(!redacted.contains("\"value\": \"8080\"") && redacted.contains("\"name\": \"PORT\""))
        #expect(redacted.contains("\"accountId\": \"ACCOUNT-1\""))
        // Still a snapshot the analyzer reads.
        let snapshot = try SnapshotLoader.load(text: redacted)
        #expect(snapshot.accountId == "ACCOUNT-1" && snapshot.tasks.count == 1)
    }

    @Test func harmlessStringsSurvive() {
        var redactor = Redactor()
        for text in ["arn:aws:ecs:us-east-1:111122223333:task/prod/0123456789abcdef0123456789abcdef",
                     "sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
                     "image tag e83c5163316f89bfbde7d9ab23ca2e25604af290 (a git commit)",
                     "subnet-0a1b2c3d4e5f60718 rtb-0f1a2b3c4d5e6f708 vpc-0a1b2c3d4e5f60718",
                     "unable to retrieve secret: arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf",
                     "ExpiredToken: The security token included in the request is expired",
                     "Target group web checks /health/ but the application serves /health",
                     "aws elbv2 modify-target-group --target-group-arn arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef --health-check-path /health",
                     "Secret API_KEY of container app points at /prod/api-key, which does not exist"] {
            #expect(redactor.redact(text) == text)
        }
    }

    @Test func secretLookingStrings() {
        var redactor = Redactor()
        #expect(redactor.redact("mysql://admin:hunter2@db:3306/x") == "mysql://admin:[REDACTED]@db:3306/x")
        #expect(redactor.redact("Authorization: Basic dXNlcjpwYXNz") == "Authorization: Basic [REDACTED]")
        #expect(redactor.redact("DB_PASSWORD=s3cr3t; next") == "DB_PASSWORD=[REDACTED]; next")
        #expect(redactor.redact("\"api_key\": \"abc123\"") == "\"api_key\": \"[REDACTED]\"")
        #expect(redactor.redact("-----BEGIN PRIVATE KEY-----\nMIIB (truncated") == "[REDACTED PRIVATE KEY]")
        #expect(redactor.redact("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")
                == "token [REDACTED TOKEN]")
    }

    @Test func accountsMapConsistently() {
        var redactor = Redactor(accounts: true)
        #expect(redactor.redact("111122223333 trusts 444455556666") == "ACCOUNT-1 trusts ACCOUNT-2")
        #expect(redactor.redact("arn:aws:iam::444455556666:role/x in 111122223333") == "arn:aws:iam::ACCOUNT-2:role/x in ACCOUNT-1")
        #expect(redactor.redact("1111222233334 and 2024-05-01T10:00:00Z stay") == "1111222233334 and 2024-05-01T10:00:00Z stay")
    }

    @Test func environmentValuesWorthRedacting() throws {
        let snapshot = try SnapshotLoader.load(text: String(decoding: try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent(Self.corpus[0])), as: UTF8.self))
        #expect(Redactor.environmentValues(in: snapshot) == ["Planted-Env-Secret-7f3a9c", "PlantedEnvSessionKey42"])
    }

    // MARK: A secret flag's value as a separate argument

    @Test func flagValuesInText() {
        var redactor = Redactor()
        #expect(redactor.redact("sh -c \"app --token PlantedShellToken1\"") == "sh -c \"app --token [REDACTED]\"")
        #expect(redactor.redact("app --db-password PlantedCliPass2 --port 8080") == "app --db-password [REDACTED] --port 8080")
        #expect(redactor.redact("starting worker -api-key 'Planted Quoted Key' now") == "starting worker -api-key [REDACTED] now")
        #expect(redactor.redact("exec --client_secret=PlantedEq3") == "exec --client_secret=[REDACTED]")
        #expect(redactor.redact("mysql -h db -u root -pPlantedMysql4 app") == "mysql -h db -u root -p[REDACTED] app")
        #expect(redactor.redact("mongosh --host db -u admin -p PlantedMongo5") == "mongosh --host db -u admin -p [REDACTED]")
        #expect(redactor.redact("redis-cli -h cache -a PlantedRedis6 ping") == "redis-cli -h cache -a [REDACTED] ping")
        #expect(redactor.redact("2024-05-01 ERROR login failed: --credentials PlantedLog7") == "2024-05-01 ERROR login failed: --credentials [REDACTED]")
    }

    @Test func flagsThatNameWhereTheSecretIsStay() {
        var redactor = Redactor()
        for text in ["aws secretsmanager describe-secret --secret-id prod/db",
                     "docker login --username AWS --password-stdin 111122223333.dkr.ecr.us-east-1.amazonaws.com",
                     "app --key-file /run/secrets/key.pem --token-file /run/secrets/token",
                     "psql -h db -p 5432 -U app", "aws ecr get-login-password --region us-east-1",
                     "re-auth required; pre-shared-key mismatch", "--kms-key arn:aws:kms:us-east-1:111122223333:key/abc"] {
            #expect(redactor.redact(text) == text)
        }
    }

    @Test func flagValuesInCommandArrays() throws {
        let json = """
            {"taskDefinitions": [{"taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "family": "web",
              "containerDefinitions": [{"name": "app", "image": "app",
                "entryPoint": ["sh", "-c", "exec app --token PlantedShellToken1"],
                "command": ["--db-password", "PlantedSeparatePass8", "--port", "8080", "--secret-arn", "arn:aws:secretsmanager:us-east-1:1:secret:x"]},
               {"name": "migrate", "image": "mysql", "command": ["/usr/bin/mysql", "-u", "root", "-pPlantedAttached9", "app"]}]}]}
            """
        var redactor = Redactor()
        let redacted = JSONWriter.write(redactor.redact(try JSONParser.parse(Array(json.utf8))))
        for secret in ["PlantedShellToken1", "PlantedSeparatePass8", "PlantedAttached9"] { #expect(!redacted.contains(secret), "\(secret) leaked") }
        let compact = redacted.filter { !$0.isWhitespace }
        #expect(compact.contains("\"--db-password\",\"[REDACTED]\",\"--port\",\"8080\""))
        #expect(compact.contains("\"-p[REDACTED]\",\"app\""))
        #expect(redacted.contains("arn:aws:secretsmanager:us-east-1:1:secret:x"))

        // A report quotes arguments one at a time: the values are known secrets, removed wherever they appear.
        let snapshot = try SnapshotLoader.load(text: json)
        #expect(Redactor.commandArgumentValues(in: snapshot) == ["PlantedSeparatePass8", "PlantedAttached9"])
        var reportRedactor = Redactor(knownSecrets: Redactor.knownSecrets(in: snapshot))
        #expect(reportRedactor.redact("command [\"--db-password\", \"PlantedSeparatePass8\"]") == "command [\"--db-password\", \"[REDACTED]\"]")
    }
}
