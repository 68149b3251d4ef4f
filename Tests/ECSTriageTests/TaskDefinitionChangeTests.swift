@testable import ECSTriage
import Foundation
import Testing

/// The one way fixes change a task definition: the printed sequence, the jq
/// program (run by jq where it is installed: its output must be what
/// register-task-definition takes) and the Terraform resource from the same edits.
struct TaskDefinitionChangeTests {
    static let definitionJSON = #"{"taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3", "family": "web", "revision": 3, "status": "ACTIVE", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "compatibilities": ["EC2", "FARGATE"], "requiresAttributes": [{"name": "ecs.capability.task-eni"}], "registeredAt": "2026-11-20T10:00:00Z", "registeredBy": "arn:aws:sts::111122223333:assumed-role/deployer/x", "cpu": "256", "memory": "512", "containerDefinitions": [{"name": "migrate", "image": "app:1", "essential": true}, {"name": "web", "image": "app:1", "essential": true, "portMappings": [{"containerPort": 8080, "hostPort": 80, "protocol": "tcp"}]}]}"#

    static func use() throws -> DefinitionUse {
        let snapshot = try SnapshotLoader.load(text: Fixture.snapshot(
            Fixture.array("services", Fixture.service("web", taskDefinition: "web:3")), Fixture.array("taskDefinitions", definitionJSON)))
        let index = SnapshotIndex(snapshot)
        return try #require(index.definitionUses.first)
    }

    static let edits: [TaskDefinitionChange.Edit] = [
        .task("memory", .string("1024")), .removeHostPorts(container: "web"),
        .container("migrate", "essential", .bool(false)), .dependsOn(container: "web", dependency: "migrate", condition: "SUCCESS"),
    ]

    @Test func aRegisteredRevisionIsExportedChangedRegisteredAndRolledOut() throws {
        let change = TaskDefinitionChange(try Self.use(), Self.edits)
        #expect(change.commands.count == 4)
        #expect(change.commands[0] == "aws ecs describe-task-definition --task-definition web:3 --query taskDefinition --output json > web.json")
        #expect(change.commands[1].hasPrefix("jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt"))
        #expect(change.commands[1].hasSuffix("' web.json > web-new.json"))
        #expect(change.commands[2] == "aws ecs register-task-definition --cli-input-json file://web-new.json")
        #expect(change.commands[3] == "aws ecs update-service --cluster prod --service web --task-definition web")
        #expect(change.missingEvidence.isEmpty)
    }

    @Test func aRegistrationErrorChangesTheFileGivenToRegister() {
        let change = TaskDefinitionChange.registrationInput([.container("sleep", "memoryReservation", .number(512))])
        #expect(change.commands == [
            #"jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .containerDefinitions |= map(if .name == "sleep" then .memoryReservation = 512 else . end)' <register-task-definition-input.json> > taskdef-new.json"#,
            "aws ecs register-task-definition --cli-input-json file://taskdef-new.json",
        ])
    }

    @Test func anUnknownRevisionIsAPlaceholderWithTheCommandThatFindsIt() {
        let change = TaskDefinitionChange(reference: nil, workload: nil, [.task("networkMode", .string("awsvpc"))])
        #expect(change.commands.first?.contains("<family:revision>") == true)
        #expect(change.missingEvidence.map(\.command) == ["aws ecs list-task-definitions --status ACTIVE --sort DESC --max-items 10"])
    }

    @Test func namesThatCouldBeOptionsNeverNameFiles() {
        #expect(TaskDefinitionChange.isPlainName("web-api_2"))
        #expect(!TaskDefinitionChange.isPlainName("--endpoint-url=x"))
        #expect(!TaskDefinitionChange.isPlainName("a b"))
        let change = TaskDefinitionChange(source: .registered(familyRevision: "-x:1", family: "-x"), edits: [])
        #expect(change.commands[0].hasSuffix("> taskdef.json"))
    }

    @Test func aVariableSetByAnEarlierCommandReachesJqAsAnArgument() {
        let change = TaskDefinitionChange(source: .registered(familyRevision: "web:3", family: "web"),
                                          edits: [.containerFromVariable("web", "repositoryCredentials.credentialsParameter", variable: "secret")])
        #expect(change.commands[1].hasPrefix(#"jq --arg secret "$secret" '"#))
        #expect(change.commands[1].contains(".repositoryCredentials.credentialsParameter = $secret"))
    }

    @Test func terraformIsTheWholeResourceAfterTheChange() throws {
        let use = try Self.use()
        let terraform = try #require(TaskDefinitionChange(use, Self.edits).terraform(use.definition))
        #expect(terraform.hasPrefix("resource \"aws_ecs_task_definition\" \"web\" {"))
        #expect(terraform.contains("family                   = \"web\""))
        #expect(terraform.contains("memory                   = \"1024\""))
        #expect(terraform.contains("essential = false"))
        #expect(terraform.contains("dependsOn    = [{ containerName = \"migrate\", condition = \"SUCCESS\" }]"))
        #expect(!terraform.contains("hostPort"))
    }

    @Test func hclStringsKeepTemplateSequencesLiteral() {
        #expect(HCLLiteral.write(.string("repo:${TAG}"), indent: 0) == #""repo:$${TAG}""#)
        #expect(JQLiteral.write(.string("a\"b\n")) == #""a\"b\n""#)
    }

    /// With jq installed: the program turns describe-task-definition's
    /// output into register input with the change applied.
    @Test(.enabled(if: ProcessRunner.executable("jq") != nil, "needs jq")) func jqMakesRegisterInput() throws {
        let change = TaskDefinitionChange(try Self.use(), Self.edits)
        let jq = try #require(ProcessRunner.executable("jq"))
        let process = Process()
        process.executableURL = jq
        process.arguments = ["-c", change.jqProgram]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(Self.definitionJSON.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for member in TaskDefinitionChange.readOnlyMembers { #expect(result[member] == nil, "\(member) left in") }
        #expect(result["memory"] as? String == "1024")
        let containers = try #require(result["containerDefinitions"] as? [[String: Any]])
        #expect(containers[0]["essential"] as? Bool == false)
        let web = containers[1]
        #expect((web["portMappings"] as? [[String: Any]])?.first?["hostPort"] == nil)
        #expect((web["dependsOn"] as? [[String: Any]])?.first?["condition"] as? String == "SUCCESS")
    }
}
