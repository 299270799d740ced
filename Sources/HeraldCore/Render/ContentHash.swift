/// A short, stable content hash (64-bit FNV-1a) for versioning asset URLs.
enum ContentHash {
    /// The first 10 hex digits of the hash of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - digits.count) + digits).prefix(10))
    }
}
