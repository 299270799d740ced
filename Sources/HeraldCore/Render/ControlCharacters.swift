/// The control characters HTML forbids, dropped from every page: a stray one in an incident file
/// is left out rather than published.
enum ControlCharacters {
    /// HTML forbids control characters other than tab and line breaks; a stray one in an incident
    /// file is dropped rather than published.
    static func removing(from html: String) -> String {
        guard contains(html.utf8) else { return html }
        func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            return (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || (0x7F...0x9F).contains(value)
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: html.unicodeScalars.lazy.filter { !isForbidden($0) })
        return String(result)
    }

    /// Whether `utf8` holds a C0 control other than tab and line breaks, DEL, or a C1 control
    /// (U+0080 to U+009F, the bytes 0xC2 0x80 to 0xC2 0x9F). Pages almost never have one, and the
    /// check reads every byte of the site, so it reads eight at a time: only a word with a byte
    /// below 0x20 (line breaks, mostly), 0x7F or 0xC2 (which also starts `·`) is looked at byte
    /// by byte.
    static func contains(_ utf8: String.UTF8View) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable(contains) { return found }
        return Array(utf8).withUnsafeBufferPointer(contains)
    }

    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func isControl(at index: Int) -> Bool {
            let byte = bytes[index]
            if byte < 0x20 { return byte != 0x09 && byte != 0x0A && byte != 0x0D }
            if byte == 0x7F { return true }
            return byte == 0xC2 && index + 1 < bytes.count && (0x80..<0xA0).contains(bytes[index + 1])
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // Whether any byte of `word` is below `limit` (at most 0x80), or is zero.
        func hasByte(below limit: UInt8, _ word: UInt64) -> Bool {
            (word &- ones &* UInt64(limit)) & ~word & highs != 0
        }
        var index = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            if hasByte(below: 0x20, word) || hasByte(below: 1, word ^ (ones &* 0x7F))
                || hasByte(below: 1, word ^ (ones &* 0xC2))
            {
                for position in index..<index + 8 where isControl(at: position) { return true }
            }
            index += 8
        }
        for position in index..<bytes.count where isControl(at: position) { return true }
        return false
    }
}
