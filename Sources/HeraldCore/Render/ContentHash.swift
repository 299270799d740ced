/// A short, stable content hash (64-bit FNV-1a) for versioning asset URLs and the site.
enum ContentHash {
    /// The first 10 hex digits of the hash of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        var hasher = Hasher()
        hasher.add(bytes)
        return hasher.hex
    }

    /// The hash of bytes given piece by piece.
    struct Hasher {
        private var hash: UInt64 = 0xCBF2_9CE4_8422_2325

        mutating func add(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }

        /// Adds `text` and a separator, so that ("ab", "c") and ("a", "bc") differ.
        mutating func add(_ text: String) {
            add(text.utf8)
            add(CollectionOfOne(0))
        }

        /// The first 10 hex digits of the hash.
        var hex: String {
            let digits = String(hash, radix: 16)
            return String((String(repeating: "0", count: 16 - digits.count) + digits).prefix(10))
        }
    }
}
