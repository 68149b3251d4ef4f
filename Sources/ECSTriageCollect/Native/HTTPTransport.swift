import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

struct HTTPResponse: Sendable {
    var status: Int
    /// Header names lowercased.
    var headers: [String: String]
    var body: [UInt8]
}

/// Why no HTTP response came back.
enum TransportFailure: Error, Equatable {
    case timedOut
    case cannotConnect(String)
    case other(String)
}

/// Sends one request and waits for its response. The client calls it from
/// the collector's worker threads, so it may block.
protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, timeout: TimeInterval) -> Result<HTTPResponse, TransportFailure>
}

/// HTTP and TLS through Foundation's URLSession (libcurl on Linux): no
/// cookies, no cache, no credential storage, redirects not followed (an AWS
/// API answers, it does not redirect; a signed request must not be replayed
/// elsewhere). Proxies are curl's: `HTTPS_PROXY`, `NO_PROXY`.
final class URLSessionTransport: NSObject, HTTPTransport, URLSessionTaskDelegate, @unchecked Sendable {
    private var session: URLSession!

    init(maximumConnectionsPerHost: Int = 16) {
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpMaximumConnectionsPerHost = maximumConnectionsPerHost
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }

    func send(_ request: HTTPRequest, timeout: TimeInterval) -> Result<HTTPResponse, TransportFailure> {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if !request.body.isEmpty || request.method == "POST" { urlRequest.httpBody = Data(request.body) }
        let outcome = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: urlRequest) { data, response, error in
            if let error {
                let code = (error as NSError).code
                switch code {
                case NSURLErrorTimedOut: outcome.result = .failure(.timedOut)
                case NSURLErrorCannotConnectToHost, NSURLErrorCannotFindHost, NSURLErrorNetworkConnectionLost, NSURLErrorNotConnectedToInternet,
                     NSURLErrorDNSLookupFailed:
                    outcome.result = .failure(.cannotConnect(error.localizedDescription))
                default: outcome.result = .failure(.other(error.localizedDescription))
                }
            } else if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (name, value) in http.allHeaderFields {
                    if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
                }
                outcome.result = .success(HTTPResponse(status: http.statusCode, headers: headers, body: [UInt8](data ?? Data())))
            } else {
                outcome.result = .failure(.other("no HTTP response"))
            }
            done.signal()
        }
        task.resume()
        // URLSession's timeout is for inactivity: bound the whole exchange too.
        if done.wait(timeout: .now() + timeout + 1) == .timedOut {
            task.cancel()
            done.wait()
            return .failure(.timedOut)
        }
        return outcome.result ?? .failure(.other("no response"))
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

private final class ResultBox: @unchecked Sendable {
    var result: Result<HTTPResponse, TransportFailure>?
}
