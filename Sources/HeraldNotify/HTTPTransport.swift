import Foundation
import HeraldCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP request `herald notify` makes.
package struct TransportRequest: Sendable, Hashable {
    /// `GET` or `POST`.
    package var method: String
    /// The absolute URL.
    package var url: URL
    /// Header fields.
    package var headers: [String: String]
    /// The body.
    package var body: Data?
    /// How long to wait for the answer.
    package var timeout: Duration

    /// Creates a request.
    package init(method: String, url: URL, headers: [String: String] = [:], body: Data? = nil, timeout: Duration) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// The answer to an `TransportRequest`.
package struct TransportResponse: Sendable, Hashable {
    /// The status code.
    package var status: Int
    /// Header fields, with lowercase names.
    package var headers: [String: String]
    /// The body.
    package var body: Data

    /// Creates a response.
    package init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends HTTP requests; tests use the real one against a loopback server.
package protocol HTTPTransport: Sendable {
    /// Sends a request and returns the answer, whatever its status.
    ///
    /// - Throws: When no answer arrives: a network error or the timeout.
    func send(_ request: TransportRequest) async throws -> TransportResponse
}

/// HTTP through Foundation's `URLSession` (FoundationNetworking on Linux). Redirects are not
/// followed: the 3xx answer is returned as is, and `Notifier` counts it as a failure.
package struct URLSessionTransport: HTTPTransport {
    /// Creates the transport.
    package init() {}

    package func send(_ request: TransportRequest) async throws -> TransportResponse {
        // FoundationNetworking times out at once with a timeout under a second.
        let seconds = max(1, Self.seconds(request.timeout))
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        let session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        var urlRequest = URLRequest(
            url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: seconds)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let (data, response) = try await session.data(for: urlRequest)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return TransportResponse(status: http.statusCode, headers: headers, body: data)
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}

/// Refuses every redirect, so that `send` returns the 3xx answer itself: URLSession would turn a
/// POST into a bodiless GET on 301, 302 and 303, and send the message to another host.
private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
