extension SVGLogo {
    /// One start or end tag, read leniently: a file this misreads is not well-formed XML, which
    /// browsers refuse to render.
    struct Tag {
        /// One attribute.
        struct Attribute {
            /// The name as written, such as `xlink:href`.
            var name: String
            /// The value as written, without its quotes.
            var value: String
            /// Where the name starts, counted in scalars from the tag's `<`.
            var offset: Int

            /// The name in lowercase, without its namespace prefix.
            var localName: String { SVGLogo.localPart(name.lowercased()) }
        }

        /// The element's name as written.
        var name = ""
        /// Whether it is an end tag (`</style>`).
        var isClosing = false
        /// Whether it ends with `/>`.
        var isSelfClosing = false
        /// Its attributes, in order.
        var attributes: [Attribute] = []

        /// The name in lowercase, without its namespace prefix.
        var localName: String { SVGLogo.localPart(name.lowercased()) }

        /// Reads the tag `<…>` (its `>` may be missing at the end of the file).
        init(_ slice: ArraySlice<Unicode.Scalar>) {
            let scalars = Array(slice)
            var index = 1
            func isSpace(_ scalar: Unicode.Scalar) -> Bool {
                scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
            }
            func read(while condition: (Unicode.Scalar) -> Bool) -> String {
                var text = String.UnicodeScalarView()
                while index < scalars.count, condition(scalars[index]) {
                    text.append(scalars[index])
                    index += 1
                }
                return String(text)
            }
            if index < scalars.count, scalars[index] == "/" {
                isClosing = true
                index += 1
            }
            name = read { !isSpace($0) && $0 != "/" && $0 != ">" }
            while index < scalars.count {
                _ = read(while: isSpace)
                guard index < scalars.count, scalars[index] != ">" else { break }
                if scalars[index] == "/" {
                    isSelfClosing = true
                    index += 1
                    continue
                }
                let offset = index
                let attributeName = read { !isSpace($0) && $0 != "=" && $0 != "/" && $0 != ">" }
                _ = read(while: isSpace)
                var value = ""
                if index < scalars.count, scalars[index] == "=" {
                    index += 1
                    _ = read(while: isSpace)
                    if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" {
                        let quote = scalars[index]
                        index += 1
                        value = read { $0 != quote }
                        index += 1
                    } else {
                        value = read { !isSpace($0) && $0 != ">" }
                    }
                }
                if attributeName.isEmpty {
                    index += 1  // a stray character: step over it
                } else {
                    attributes.append(Attribute(name: attributeName, value: value, offset: offset))
                }
            }
        }
    }
}
