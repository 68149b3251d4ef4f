/// `aws ecs execute-command` hands the session to the Session Manager
/// plugin on the caller's machine; without it the CLI stops before ECS is
/// asked anything. The task, its role and its network are not involved.
/// The message is the AWS CLI's own (awscli 1.45.11 awscli/customizations/ecs/executecommand.py).
struct SessionManagerPluginMissingRule: Rule {
    static let description = RuleDescription(
        id: "session-manager-plugin-missing", title: "The Session Manager plugin is not installed where the AWS CLI runs",
        category: .iam, severity: .medium, explains: [.sessionManagerPluginMissing],
        examples: [
            .triggers("the AWS CLI's message", "SessionManagerPlugin is not found. Please refer to SessionManager Documentation here: http://docs.aws.amazon.com/console/systems-manager/session-manager-plugin-not-found",
                      resources: [""], confidence: .likely),
            .quiet("ECS Exec not enabled is another rule's", "An error occurred (InvalidParameterException) when calling the ExecuteCommand operation: The execute command failed because execute command was not enabled when the task was run or the execute command agent isn’t running. Wait and try again or run a new task with execute command enabled and try again."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, _ in
            NamedCauseDetail(title: "The Session Manager plugin is not installed where aws ecs execute-command runs",
                             resources: symptom.resourceList, fix: Self.fix)
        }
    }
}

// MARK: Messages and fixes

extension SessionManagerPluginMissingRule {
    /// Download locations from the Systems Manager guide, "Install the Session Manager plugin for the AWS CLI"
    /// (https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html).
    static let fix = Fix(
        summary: "Install the Session Manager plugin on the machine that runs the AWS CLI, then run execute-command again",
        steps: ["The AWS CLI starts the shell through the session-manager-plugin program; it must be on the PATH of the machine (or CI runner) running aws.",
                "Install it for your system (below for Linux x86_64; macOS and Windows installers are on the Systems Manager guide's page), then check " +
                "with session-manager-plugin --version.",
                "Nothing in the task or its roles needs to change for this error; if execute-command fails differently afterwards, that is the next " +
                "thing to fix."],
        commands: ["sudo yum install -y https://s3.amazonaws.com/session-manager-downloads/plugin/latest/linux_64bit/session-manager-plugin.rpm  # " +
                   "Amazon Linux, RHEL",
                   "curl -o session-manager-plugin.deb " +
                   "https://s3.amazonaws.com/session-manager-downloads/plugin/latest/ubuntu_64bit/session-manager-plugin.deb && sudo dpkg -i " +
                   "session-manager-plugin.deb  # Debian, Ubuntu",
                   "session-manager-plugin --version"])
}
