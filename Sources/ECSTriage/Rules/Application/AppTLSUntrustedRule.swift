/// The application refused a server's certificate because nothing in the
/// image vouches for it: slim and scratch images without a CA bundle, a
/// private CA that is not installed, or a server that does not send its
/// intermediate certificate.
struct AppTLSUntrustedRule: Rule {
    static let description = RuleDescription(
        id: "app-tls-untrusted", title: "The application does not trust a server's certificate", category: .runtime,
        severity: .high, explains: [.applicationCrash],
        examples: [
            .triggers("Go x509", "tls: failed to verify certificate: x509: certificate signed by unknown authority", resources: [""], confidence: .likely),
            .triggers("Python ssl", "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1002)",
                      resources: [""], confidence: .likely),
            .quiet("a refused connection is not a certificate", "Error: connect ECONNREFUSED 10.0.1.12:443"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.crashFindings(context) { symptom, signature, _ in
            NamedCauseDetail(title: "The application does not trust the certificate of a server it calls" + CrashWording.printedBy(signature),
                             resources: symptom.resourceList, fix: Self.fix)
        }
    }
}

// MARK: Messages and fixes

extension AppTLSUntrustedRule {
    static let fix = Fix(
        summary: "Put the certificate authority in the image's trust store",
        steps: ["Slim, distroless and scratch images may carry no CA bundle: install ca-certificates in the image (or copy "
                + "/etc/ssl/certs/ca-certificates.crt into a scratch image).",
                "A private CA (a corporate proxy, an internal service): add its certificate to the image, or point the runtime "
                + "at it (NODE_EXTRA_CA_CERTS, SSL_CERT_FILE or REQUESTS_CA_BUNDLE, keytool into the JVM's cacerts).",
                "If other clients trust the server, it may not send its intermediate certificate: fix the server's chain.",
                "Do not turn verification off: it hides the next man-in-the-middle too."])
}
