/// Runs calls through the native client instead of the `aws` CLI: the same
/// outputs and error messages, without starting a process per call.
public struct NativeRunner: AWSCommandRunner {
    let client: AWSClient

    init(client: AWSClient) {
        self.client = client
    }

    public func run(_ call: AWSCall) -> CallOutcome {
        if let refusal = call.refusal { return .failed(CallFailure(message: refusal)) }
        return client.call(call.operation, call.parameters, region: call.region)
    }
}
