/// Finds YAML anchors (`&name`) and aliases (`*name`) in a text before Yams reads it.
///
/// Yams hashes every mapping key to find duplicates, and a key built from nested aliases (an
/// "alias bomb": `&a1 [*a0, *a0, ...]`, ten levels deep) expands to billions of nodes while it is
/// hashed: 462 bytes took four minutes. Yams offers no hook between parsing and composing, so
/// this scan reads the text the way libyaml's scanner finds these tokens: only where a node may
/// start (at the start of a line, after `- `, `? `, `: `, `[`, `{` or `,`, or after a tag or
/// another anchor), never inside quotes on the same line, comments or block scalars.
///
/// Where it is unsure it errs towards finding a token: a quoted scalar is skipped only up to the
/// end of its line, so the scan can report an `&` or `*` at the start of a quoted scalar's
/// second line, but it cannot miss a token that libyaml would read.
struct YAMLAliasScan {
    /// One anchor or alias, at a 1-based line and column of the scanned text.
    struct Token: Equatable {
        var isAlias: Bool
        var name: String
        var line: Int
        var column: Int
    }

    /// Every anchor and alias of `yaml`, in text order.
    static func tokens(in yaml: String) -> [Token] {
        var tokens: [Token] = []
        var blockScalarIndent: Int?
        for (number, line) in yaml.lines.enumerated() {
            let scalars = Array(line.unicodeScalars)
            let indent = scalars.prefix { $0 == " " }.count
            if let parent = blockScalarIndent {
                if indent > parent || scalars.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
                blockScalarIndent = nil
            }
            blockScalarIndent = scan(scalars, line: number + 1, into: &tokens)
        }
        return tokens
    }

    /// Scans one line; returns the indentation a block scalar (`|` or `>`) starting on it must
    /// exceed, if one starts.
    private static func scan(_ line: [Unicode.Scalar], line number: Int, into tokens: inout [Token]) -> Int? {
        var index = 0
        var atNodeStart = true
        // The column of the line's first key, after any `- ` indicators: a block scalar's lines are
        // indented more than it.
        var keyColumn: Int?
        func isBlank(_ offset: Int) -> Bool {
            offset >= line.count || line[offset] == " " || line[offset] == "\t" || line[offset] == "\r"
        }
        while index < line.count {
            let scalar = line[index]
            if scalar == " " || scalar == "\t" || scalar == "\r" {
                index += 1
                continue
            }
            if scalar == "#", index == 0 || isBlank(index - 1) { break }
            if atNodeStart {
                switch scalar {
                case "&", "*":
                    var end = index + 1
                    while end < line.count, isAnchorCharacter(line[end]) { end += 1 }
                    if end > index + 1 {
                        let name = String(String.UnicodeScalarView(line[(index + 1)..<end]))
                        tokens.append(Token(isAlias: scalar == "*", name: name, line: number, column: index + 1))
                    }
                    // An anchor is followed by its node; an alias is the whole node.
                    atNodeStart = scalar == "&"
                    index = end
                    continue
                case "!":
                    while index < line.count, !isBlank(index) { index += 1 }
                    continue
                case "-" where isBlank(index + 1), "?" where isBlank(index + 1), ":" where isBlank(index + 1):
                    index += 1
                    continue
                case "[", "{", ",":
                    index += 1
                    continue
                case "'", "\"":
                    index = endOfQuote(line, from: index)
                    atNodeStart = false
                    continue
                case "|", ">":
                    return keyColumn ?? index
                default:
                    if keyColumn == nil { keyColumn = index }
                    atNodeStart = false
                }
            }
            if keyColumn == nil { keyColumn = index }
            switch scalar {
            case ":" where isBlank(index + 1), "[", "{", ",":
                atNodeStart = true
            case "]", "}":
                atNodeStart = false
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The index after the quote that closes the one at `start`, or the line's end.
    private static func endOfQuote(_ line: [Unicode.Scalar], from start: Int) -> Int {
        let quote = line[start]
        var index = start + 1
        while index < line.count {
            if quote == "\"", line[index] == "\\" {
                index += 2
                continue
            }
            if line[index] == quote {
                // `''` inside single quotes is an escaped quote.
                if quote == "'", index + 1 < line.count, line[index + 1] == "'" {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return line.count
    }

    /// The characters of an anchor name as libyaml reads them.
    private static func isAnchorCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "_" || scalar == "-"
    }
}
