/// Limits on an incident's Markdown, checked before cmark-gfm reads it.
///
/// Debian's cmark-gfm 0.29.0.gfm.6 predates the upstream fixes for several inputs whose cost
/// grows with the square of their size or worse (CVE-2023-22486's `![[]()` repeated, `<?` and
/// `<![CDATA[` openers that are never closed, very wide tables), and its table extension pads
/// every row to the header's width, so a wide header over many short lines allocates until the
/// process aborts. A status update needs none of these in bulk, so a file that has more than a
/// handful is refused with the line where the limit is crossed, and cmark-gfm never sees it.
/// The numbers and the worst case measured under them are in docs/limits.md.
struct MarkdownLimits {
    /// The most link and image openers (`[`) in one file.
    static let maximumBrackets = 2_000
    /// The most raw-HTML openers that make cmark-gfm look ahead for their end (`<?` and `<!`:
    /// processing instructions, declarations, CDATA and comments) in one file.
    static let maximumHTMLOpeners = 1_000
    /// The most columns of one table.
    static let maximumTableColumns = 100
    /// The most cells of one table (columns times rows, header included): cmark-gfm makes a cell
    /// for every column of every row, even where a row has fewer.
    static let maximumTableCells = 20_000

    /// The most block quotes and list items one line may open (`> > - x`): Herald's own copy of
    /// the tree, which `herald notify` reads, takes one level of recursion for each.
    static let maximumContainerDepth = 100

    /// The file the Markdown is part of, for the diagnostics.
    let file: SourceFile
    /// How many lines of the file come before the Markdown's first line.
    let lineOffset: Int

    /// Every limit `markdown` exceeds, once each, at the line and column where it is crossed.
    func check(_ markdown: String) -> [Diagnostic] {
        var text = markdown
        return text.withUTF8 { check(bytes: $0) }
    }

    private func check(bytes: UnsafeBufferPointer<UInt8>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var brackets = 0
        var htmlOpeners = 0
        var table: (columns: Int, rows: Int, line: Int)?
        var nestedTooDeep = false
        var lineNumber = 0
        var start = 0
        while start <= bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            for (index, byte) in line.enumerated() {
                if byte == UInt8(ascii: "[") {
                    brackets += 1
                    if brackets == Self.maximumBrackets + 1 {
                        diagnostics.append(
                            diagnostic(
                                line: lineNumber, offset: index, in: line,
                                "too many links or images: more than \(Self.maximumBrackets) '[' in one file;"
                                    + " an incident may have at most \(Self.maximumBrackets)"))
                    }
                } else if byte == UInt8(ascii: "<"), index + 1 < line.count,
                    line[index + 1] == UInt8(ascii: "?") || line[index + 1] == UInt8(ascii: "!")
                {
                    htmlOpeners += 1
                    if htmlOpeners == Self.maximumHTMLOpeners + 1 {
                        diagnostics.append(
                            diagnostic(
                                line: lineNumber, offset: index, in: line,
                                "too much raw HTML: more than \(Self.maximumHTMLOpeners) '<?' or '<!' in one file;"
                                    + " an incident may have at most \(Self.maximumHTMLOpeners)"))
                    }
                }
            }
            if !nestedTooDeep, Self.containerDepth(line) > Self.maximumContainerDepth {
                nestedTooDeep = true
                diagnostics.append(
                    file.diagnostic(
                        line: lineNumber + lineOffset,
                        "more than \(Self.maximumContainerDepth) block quotes and list items nested in one line;"
                            + " an incident may nest at most \(Self.maximumContainerDepth)"))
            }
            let content = Self.dropContainerMarkers(line)
            if content.isEmpty {
                if let current = table { diagnostics += tableDiagnostics(current) }
                table = nil
            } else if table != nil {
                table?.rows += 1
            } else if let columns = Self.delimiterRowColumns(content) {
                // The header row above the delimiter row is a row too.
                table = (columns, 2, lineNumber)
            }
            start = end + 1
        }
        if let current = table { diagnostics += tableDiagnostics(current) }
        return diagnostics
    }

    private func tableDiagnostics(_ table: (columns: Int, rows: Int, line: Int)) -> [Diagnostic] {
        if table.columns > Self.maximumTableColumns {
            return [
                file.diagnostic(
                    line: table.line + lineOffset,
                    "table has \(table.columns) columns; a table may have at most \(Self.maximumTableColumns)")
            ]
        }
        let cells = table.columns * table.rows
        guard cells > Self.maximumTableCells else { return [] }
        return [
            file.diagnostic(
                line: table.line + lineOffset,
                "table has \(cells) cells (\(table.columns) columns × \(table.rows) rows, counting every line up to"
                    + " the next blank line); a table may have at most \(Self.maximumTableCells) cells")
        ]
    }

    private func diagnostic(line: Int, offset: Int, in bytes: UnsafeBufferPointer<UInt8>, _ message: String)
        -> Diagnostic
    {
        // Columns count Unicode scalars: every byte that does not continue a UTF-8 sequence.
        let column = bytes[..<offset].count { $0 & 0xC0 != 0x80 } + 1
        return file.diagnostic(line: line + lineOffset, column: column, message)
    }

    /// How many block quotes (`>`) and list items (`-`, `*`, `+` or `1.` before a blank) open
    /// at the start of `line`.
    static func containerDepth(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        var depth = 0
        var index = 0
        func isBlank(_ offset: Int) -> Bool {
            offset >= line.count || line[offset] == UInt8(ascii: " ") || line[offset] == UInt8(ascii: "\t")
        }
        while index < line.count {
            let byte = line[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                index += 1
            } else if byte == UInt8(ascii: ">") {
                depth += 1
                index += 1
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+"),
                isBlank(index + 1)
            {
                depth += 1
                index += 1
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                var end = index
                while end < line.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[end]) { end += 1 }
                guard end < line.count, line[end] == UInt8(ascii: ".") || line[end] == UInt8(ascii: ")"),
                    isBlank(end + 1)
                else { break }
                depth += 1
                index = end + 1
            } else {
                break
            }
        }
        return depth
    }

    /// The line without leading spaces, tabs and block-quote markers, so that a table inside a
    /// quote or a list item is measured too.
    private static func dropContainerMarkers(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        func isBlank(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
        }
        var index = 0
        while index < line.count, isBlank(line[index]) || line[index] == UInt8(ascii: ">") { index += 1 }
        var end = line.count
        while end > index, isBlank(line[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: line[index..<end])
    }

    /// The number of columns if `line` is a table's delimiter row (`| --- | :-: |`): only pipes,
    /// dashes, colons and blanks, at least one pipe, and a dash in every cell. A line without a
    /// pipe (a thematic break, a setext underline, or a one-column table) has no width to fear.
    static func delimiterRowColumns(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        var cells = 0
        var cellHasDash = false
        var cellIsEmpty = true
        var pipes = 0
        for byte in line {
            switch byte {
            case UInt8(ascii: "|"):
                pipes += 1
                if !cellIsEmpty {
                    guard cellHasDash else { return nil }
                    cells += 1
                }
                cellHasDash = false
                cellIsEmpty = true
            case UInt8(ascii: "-"):
                cellHasDash = true
                cellIsEmpty = false
            case UInt8(ascii: ":"):
                cellIsEmpty = false
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                continue
            default:
                return nil
            }
        }
        if !cellIsEmpty {
            guard cellHasDash else { return nil }
            cells += 1
        }
        return pipes > 0 && cells > 0 ? cells : nil
    }
}
