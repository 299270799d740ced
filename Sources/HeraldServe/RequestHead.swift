import Foundation

/// The request line and header fields of one HTTP/1.1 request, read with hard limits before
/// FlyingFox sees the request (PreviewGate.swift says why).
struct RequestHead: Equatable {
    /// The longest request line accepted, with its line end: longer gets 414.
    static let requestLineLimit = 8 * 1024
    /// The longest header field line accepted, with its line end: longer gets 431. FlyingFox's
    /// work on a line grows with the square of its length, so lines stay short.
    static let fieldLineLimit = 8 * 1024
    /// The longest head (request line and all header fields) accepted: longer gets 431.
    static let headLimit = 32 * 1024

    var method: String
    var target: String
    var version: String
    /// Header fields in order, names as sent.
    var fields: [(name: String, value: String)]

    static func == (a: RequestHead, b: RequestHead) -> Bool {
        a.method == b.method && a.target == b.target && a.version == b.version
            && a.fields.map(\.name) == b.fields.map(\.name) && a.fields.map(\.value) == b.fields.map(\.value)
    }

    /// The values of a header field, by case-insensitive name.
    func values(_ name: String) -> [String] {
        fields.filter { $0.name.lowercased() == name }.map(\.value)
    }

    /// What the bytes read so far amount to.
    enum Scan: Equatable {
        /// The head is not complete yet and still within the limits: read more.
        case incomplete
        /// The head ends at this offset (after its empty line).
        case complete(Int)
        /// An error answer, sent without reading further.
        case refused(status: Int, reason: String)
    }

    /// Checks the limits on the bytes read so far, looking only at what limits allow.
    static func scan(_ bytes: [UInt8]) -> Scan {
        let newline = UInt8(ascii: "\n")
        var start = 0
        while start < bytes.count {
            let first = start == 0
            let limit = first ? requestLineLimit : fieldLineLimit
            guard let end = bytes[start...].prefix(limit).firstIndex(of: newline) else {
                guard bytes.count - start >= limit else { break }
                return first
                    ? .refused(status: 414, reason: "the request line is longer than \(limit) bytes")
                    : .refused(status: 431, reason: "a header field is longer than \(limit) bytes")
            }
            // The head ends at an empty line ("\n" or "\r\n").
            let line = bytes[start..<end]
            if !first, line.isEmpty || line.elementsEqual([UInt8(ascii: "\r")]) { return .complete(end + 1) }
            start = end + 1
        }
        return bytes.count >= headLimit
            ? .refused(status: 431, reason: "the request's header fields are longer than \(headLimit) bytes")
            : .incomplete
    }

    /// Parses a complete head (as `scan` found it); nil when it is not HTTP/1.x.
    static func parse(_ bytes: ArraySlice<UInt8>) -> RequestHead? {
        // Lines split on bytes: Swift's String takes "\r\n" as one Character.
        var lines: [Substring] = []
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            guard let text = String(validating: line, as: UTF8.self) else { return nil }
            lines.append(text.hasSuffix("\r") ? Substring(text.unicodeScalars.dropLast()) : Substring(text))
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first else { return nil }
        let parts = first.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, parts[2].hasPrefix("HTTP/1.") else { return nil }
        var fields: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            // A line starting with white space continues the previous field (obsolete folding);
            // RFC 9112 lets a server refuse it.
            guard let colon = line.firstIndex(of: ":"), line.first != " ", line.first != "\t" else { return nil }
            let name = line[..<colon]
            guard !name.isEmpty, !name.contains(where: { $0 == " " || $0 == "\t" }) else { return nil }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            fields.append((String(name), value))
        }
        return RequestHead(
            method: String(parts[0]), target: String(parts[1]), version: String(parts[2]), fields: fields)
    }

    /// The head to pass on: the request line, Host, and `Connection: close` so that FlyingFox
    /// answers this one request and closes (each request is checked here). The other fields are
    /// left out: the preview reads none of them, and FlyingFox's work on each line grows with the
    /// square of its length.
    func forwarded() -> [UInt8] {
        let host = values("host").first.map { "Host: \($0)\r\n" } ?? ""
        return Array("\(method) \(target) \(version)\r\n\(host)Connection: close\r\n\r\n".utf8)
    }
}
