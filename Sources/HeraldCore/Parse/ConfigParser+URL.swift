import Foundation
import Yams

extension ConfigParser {
    /// Examples of a valid `url`, shown under every error about it.
    static let urlExamples = ["https://status.example.com/", "https://example.com/status/"]

    /// Reads `url`: an absolute http or https URL with a host, which every page, feed and the API
    /// print as it is. So it may hold no control character (a CR or LF would be written raw into
    /// `404.html`), no user name or password (they would be published), and only a port from 1
    /// to 65535.
    ///
    /// - Returns: The base URL, ending in `/`, or nil after an error at `node`.
    func parseURL(_ text: String, at node: Node, reader: inout YAMLReader) -> URL? {
        if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            let code = String(control.value, radix: 16, uppercase: true)
            reader.error(
                at: node,
                "'url' contains the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code);"
                    + " write the URL on one line, without control characters",
                expected: Self.urlExamples
            )
            return nil
        }
        guard let url = Self.baseURL(text), let components = URLComponents(string: text) else {
            reader.error(
                at: node,
                "'url' must be an absolute http or https URL, such as https://status.example.com/",
                expected: Self.urlExamples
            )
            return nil
        }
        if components.user != nil || components.password != nil {
            reader.error(
                at: node,
                "'url' must not hold a user name or password (user:password@): every page, feed and the API"
                    + " print it",
                expected: Self.urlExamples
            )
            return nil
        }
        if let port = components.port, !(1...65535).contains(port) {
            reader.error(
                at: node,
                "'url' has the port \(port); a port is a number from 1 to 65535",
                expected: Self.urlExamples + ["https://status.example.com:8443/"]
            )
            return nil
        }
        return url
    }
}
