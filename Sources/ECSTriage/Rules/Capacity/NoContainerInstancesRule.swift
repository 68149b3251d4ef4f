/// EC2 launch type with no registered, or no connected, container instance.
struct NoContainerInstancesRule: Rule {
    static let description = RuleDescription(
        id: "no-container-instances", title: "No usable container instances in the cluster", category: .capacity,
        severity: .critical, explains: [.noContainerInstances], needs: [.services, .containerInstances],
        examples: [
            .triggers("service event", "service authentication_services was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster.",
                      resources: [""], confidence: .likely),
            .triggers("EC2 service, every agent disconnected", Fixture.snapshot(
                #""services": [{"serviceName": "api", "serviceArn": "arn:aws:ecs:us-east-1:111122223333:service/prod/api", "clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod", "launchType": "EC2", "desiredCount": 2}]"#,
                #""containerInstances": [{"containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/1", "ec2InstanceId": "i-0abc", "status": "ACTIVE", "agentConnected": false}]"#),
                resources: ["arn:aws:ecs:us-east-1:111122223333:cluster/prod"], confidence: .likely),
            .quiet("connected instance", Fixture.snapshot(
                #""services": [{"serviceName": "api", "serviceArn": "arn:aws:ecs:us-east-1:111122223333:service/prod/api", "clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod", "launchType": "EC2", "desiredCount": 2}]"#,
                #""containerInstances": [{"containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/1", "ec2InstanceId": "i-0abc", "status": "ACTIVE", "agentConnected": true}]"#)),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var claimed = Set<String>()
        if context.index.has(.containerInstances) {
            let usable = context.index.containerInstances.filter { $0.status?.uppercased() != "DRAINING" && $0.status?.uppercased() != "INACTIVE" && $0.agentConnected != false }
            var seenClusters = Set<String>()
            for workload in context.index.workloads where !workload.isFargate && workload.service?.launchType?.uppercased() == "EC2" && usable.isEmpty {
                let cluster = workload.clusterArn ?? "cluster"
                guard seenClusters.insert(cluster).inserted else { continue }
                let symptoms = context.symptoms(of: [.noContainerInstances], on: workload)
                claimed.formUnion(symptoms.map(\.id))
                let registered = context.index.containerInstances
                let evidence = registered.isEmpty ? [Evidence("", "describe-container-instances lists no instance in \(ARN.clusterName(cluster))")]
                    : registered.map { Evidence($0.location, "\($0.ec2InstanceId ?? $0.containerInstanceArn): status \($0.status ?? "?"), agentConnected \($0.agentConnected.map(String.init) ?? "?")") }
                findings.append(finding(cluster: cluster, symptoms: symptoms, evidence: evidence, confirmed: !symptoms.isEmpty, context: context))
            }
        }
        for symptom in context.symptoms(of: [.noContainerInstances]) where !claimed.contains(symptom.id) {
            findings.append(finding(cluster: context.index.workload(for: symptom.resource)?.clusterArn ?? "cluster", symptoms: [symptom], evidence: [], confirmed: false, context: context))
        }
        return findings
    }

    private func finding(cluster: String, symptoms: [Symptom], evidence: [Evidence], confirmed: Bool, context: AnalysisContext) -> Finding {
        let name = ARN.clusterName(cluster)
        // "AGENT" alone is the RunTask failure reason for a disconnected agent (dg:api_failures_messages).
        let agentDown = symptoms.contains { $0.message.lowercased().contains("agent") } || evidence.contains { $0.text.contains("agentConnected false") }
        return Self.description.finding(
            title: agentDown ? "The container instances of \(name) have no connected ECS agent" : "Cluster \(name) has no registered container instances",
            basis: confirmed ? .configuration : .symptomText, explains: symptoms, resources: ResourceID.inferred([cluster]) + symptoms.flatMap(\.resourceList),
            evidence: symptoms.map(\.evidence) + evidence,
            fix: Fix(summary: "Register healthy EC2 instances to \(name) (ECS-optimized AMI, ECS_CLUSTER=\(name), the instance role), or run the service on Fargate",
                     steps: ["Instances join the cluster named by ECS_CLUSTER in /etc/ecs/ecs.config (without it they join 'default').",
                             "The instance profile needs AmazonEC2ContainerServiceforEC2Role, and the instance needs a path to the ecs, ecs-agent and ecs-telemetry endpoints (NAT or VPC endpoints).",
                             "A disconnected agent: check /var/log/ecs/ecs-agent.log and restart it (sudo systemctl restart ecs).",
                             "With an Auto Scaling group, check its desired capacity and that a capacity provider is attached to the cluster."],
                     commands: ["aws ecs list-container-instances --cluster \(name)",
                                "aws ecs describe-container-instances --cluster \(name) --container-instances <arn> --query 'containerInstances[].[ec2InstanceId,status,agentConnected]'"],
                     terraform: "user_data = base64encode(\"#!/bin/bash\\necho ECS_CLUSTER=\(name) >> /etc/ecs/ecs.config\")"))
    }
}
