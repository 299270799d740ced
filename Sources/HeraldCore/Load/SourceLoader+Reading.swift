import Foundation

/// Reading one file: the size limit, plain files only, and text that is UTF-8 without NUL bytes.
/// Callers have applied the rule for symbolic links (`SiteRoot`) before.
extension SourceLoader {
    /// Reads text files on every core, in order. The files are already in the page cache on a
    /// rebuild, so the time goes into system calls and checking the UTF-8, which run in parallel.
    ///
    /// - Throws: Only `CancellationError`: an unreadable file is a diagnostic.
    func readTexts(_ urls: [URL]) async throws -> (files: [SourceFile], diagnostics: [Diagnostic]) {
        let results = try await parallelMap(urls) { url in
            var found: [Diagnostic] = []
            let file = readText(url, diagnostics: &found)
            return (file: file, diagnostics: found)
        }
        return (results.compactMap(\.file), results.flatMap(\.diagnostics))
    }

    func readBytes(_ url: URL, limit: Int, diagnostics: inout [Diagnostic]) -> [UInt8]? {
        readBytes(url, path: relativePath(of: url), limit: limit, diagnostics: &diagnostics)
    }

    /// Reads `url`, whose path relative to the root (for diagnostics) is `path`.
    func readBytes(_ url: URL, path: String, limit: Int, diagnostics: inout [Diagnostic]) -> [UInt8]? {
        switch POSIX.readFile(url.path, limit: limit) {
        case .bytes(let bytes):
            return bytes
        case .tooLarge(let size):
            diagnostics.append(
                Diagnostic(at: SourceLocation(path: path), "file is \(size) bytes, over the limit of \(limit) bytes"))
        case .notAPlainFile:
            diagnostics.append(
                Diagnostic(
                    at: SourceLocation(path: path),
                    "not a regular file (a pipe, socket or device); remove it or replace it with a file"))
        case .unreadable:
            diagnostics.append(Diagnostic(at: SourceLocation(path: path), "cannot read file"))
        }
        return nil
    }

    func readText(_ url: URL, diagnostics: inout [Diagnostic]) -> SourceFile? {
        let path = relativePath(of: url)
        guard var bytes = readBytes(url, path: path, limit: Self.maximumFileSize, diagnostics: &diagnostics) else {
            return nil
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if POSIX.firstIndex(of: 0x0D, in: bytes) != nil { bytes = Self.withoutCarriageReturnsBeforeLineFeeds(bytes) }
        if let nul = POSIX.firstIndex(of: 0, in: bytes) {
            let line = bytes[..<nul].count(where: { $0 == 0x0A }) + 1
            diagnostics.append(
                Diagnostic(at: SourceLocation(path: path, line: line), "file contains a NUL byte; is it a binary file?")
            )
            return nil
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = Self.firstInvalidUTF8Line(bytes)
            diagnostics.append(
                Diagnostic(at: SourceLocation(path: path, line: line), "file is not valid UTF-8 text; save it as UTF-8")
            )
            return nil
        }
        return SourceFile(path: path, text: text)
    }

    /// CRLF read as LF, byte by byte (a lone CR stays).
    static func withoutCarriageReturnsBeforeLineFeeds(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { continue }
            result.append(byte)
        }
        return result
    }

    /// The line of the first byte sequence that is not valid UTF-8.
    static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}
