import Foundation
import Testing
@testable import ECSTriage

/// A Terraform plan or state, or a CloudFormation template, given to
/// `analyze` like any other input (issue 13): recognised by its keys,
/// translated, analysed, and reported in the configuration's own terms.
struct PreflightInputTests {
    static func fixture(_ scenario: String, _ file: String) -> String {
        "Tests/ECSTriageTests/Fixtures/preflight/\(scenario)/\(file)"
    }

    static func load(_ scenario: String, _ file: String, parameters: [String: String] = [:]) throws -> Report {
        let path = TestSupport.packageRoot.appendingPathComponent(fixture(scenario, file))
        let input = InputFile(name: file, bytes: Array(try Data(contentsOf: path)))
        return Analyzer.analyze(try SnapshotLoader.load([input], parameters: parameters))
    }

    @Test func aPlanIsReadAndItsFindingsNameTerraformAddresses() throws {
        let report = try Self.load("field-note-003", "plan.json")
        #expect(report.input.recognized.contains("Terraform plan"))
        let top = try #require(report.findings.first)
        #expect(top.ruleId == "public-ip-without-igw")
        #expect(top.configuration.map(\.address).contains("aws_subnet.golang-ecs-app-subnet"))
        #expect(top.configuration.allSatisfy { $0.file == "plan.json" && $0.pointer.hasPrefix("/") })
        // Nothing it names exists yet: no aws command, the change is made in the configuration.
        #expect(top.fix.commands.isEmpty)
        #expect(top.fix.steps.contains { $0.contains("Make the change in the configuration") })
        let terraform = try #require(top.fix.terraform)
        #expect(!terraform.contains("\"tf:"), "stand-ins written as addresses: \(terraform)")
        #expect(terraform.contains("vpc_id = aws_vpc.golang-ecs-app-vpc.id"))
        #expect(terraform.contains("route_table_id         = aws_vpc.golang-ecs-app-vpc.main_route_table_id\n"))
        // The container definitions of the plan are unknown until apply: said, not hidden.
        #expect(report.input.warnings.contains { $0.contains("unknown until apply") })
    }

    @Test func everyCommandOfAPlanReportCanRunOrIsLeftOut() throws {
        for scenario in ["field-note-003", "private-partial-endpoints", "ec2-cluster"] {
            let report = try Self.load(scenario, "plan.json")
            #expect(!report.findings.isEmpty, "\(scenario)")
            for finding in report.findings {
                #expect(!finding.fix.commands.contains(where: StandInID.appears(in:)), "\(scenario) \(finding.ruleId)")
                #expect(!finding.missingEvidence.contains { StandInID.appears(in: $0.command) }, "\(scenario) \(finding.ruleId)")
            }
        }
    }

    @Test func unresolvedLinksAreReported() throws {
        let report = try Self.load("modules-fargate-healthy", "plan.json")
        #expect(report.findings.isEmpty)
        #expect(report.input.warnings.contains { $0.hasPrefix("plan.json: module.vpc.aws_subnet.private[0] vpc_id could not be pinned") })
    }

    @Test func aTemplateGetsNoTerraformFix() throws {
        let report = try Self.load("field-note-003", "template.json")
        #expect(report.input.recognized.contains("CloudFormation template"))
        let top = try #require(report.findings.first)
        #expect(top.ruleId == "public-ip-without-igw")
        #expect(top.fix.terraform == nil)
        #expect(top.fix.steps.contains { $0.hasPrefix("Make the change in the template's resources: ") })
        #expect(top.configuration.map(\.address).contains("Subnet"))
    }

    @Test func sarifPointsIntoThePlan() throws {
        let report = try Self.load("field-note-003", "plan.json")
        let sarif = try JSONParser.parse(Array(SARIFReporter.render(report, inputs: ["plan.json"]).utf8))
        let result = try #require(sarif["runs"]?.arrayValue?.first?["results"]?.arrayValue?.first)
        let location = try #require(result["locations"]?.arrayValue?.first)
        #expect(location["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue == "plan.json")
        #expect(location["properties"]?["jsonPointer"]?.stringValue?.hasPrefix("/resource_changes/") == true)
        #expect(location["logicalLocations"]?.arrayValue?.contains { $0["fullyQualifiedName"]?.stringValue == "aws_subnet.golang-ecs-app-subnet" } == true)
    }

    @Test func inputErrorsNameThePlaceAndExit65() throws {
        let directory = try TemporaryDirectory()
        let yaml = directory.url.appendingPathComponent("template.yaml")
        try Data("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n".utf8).write(to: yaml)
        let yamlRun = try CLI.run(["analyze", yaml.path])
        #expect(yamlRun.status == 65 && yamlRun.stderr.contains("CloudFormation YAML templates are not read"), "\(yamlRun)")

        let plan = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent(Self.fixture("field-note-003", "plan.json")), encoding: .utf8)
        let future = directory.url.appendingPathComponent("plan.json")
        try Data(plan.replacingOccurrences(of: #""format_version":"1.2""#, with: #""format_version":"2.0""#)
            .replacingOccurrences(of: #""format_version": "1.2""#, with: #""format_version": "2.0""#).utf8).write(to: future)
        let futureRun = try CLI.run(["analyze", future.path])
        #expect(futureRun.status == 65 && futureRun.stderr.contains("#/format_version: expected Terraform JSON format version 1.x"), "\(futureRun)")

        let badParameter = try CLI.run(["analyze", "--parameter", "NoEquals", Self.fixture("field-note-003", "template.json")])
        #expect(badParameter.status == 64)
    }
}
