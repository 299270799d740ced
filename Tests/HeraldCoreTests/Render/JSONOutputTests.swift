import Foundation
import Testing

@testable import HeraldCore

/// `JSONOutput.encodeList` writes what JSONEncoder writes for the whole value (compact, sorted keys),
/// one item at a time.
struct JSONOutputTests {
    struct Item: Encodable {
        var name: String
        var tags: [String]
        var nested: [String: Int]
        var empty: [Int] = []
        var missing: String? = nil
    }
    struct Page: Encodable {
        var id: String
        var url: String
    }
    struct Whole: Encodable {
        var incidents: [Item]
        var page: Page
    }

    @Test(arguments: [0, 1, 3])
    func itemByItemIsByteForByteTheWholeEncoding(count: Int) throws {
        let items = (0..<count).map {
            Item(name: "line one\nline \"two\" / \($0)", tags: ["a", "b\\c"], nested: ["z": $0, "a": -1])
        }
        let page = Page(id: "status", url: "https://status.example.com/")
        let streamed = try JSONOutput.encodeList("incidents", items, page: page)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let whole = try encoder.encode(Whole(incidents: items, page: page)) + Data("\n".utf8)
        #expect(
            String(decoding: streamed, as: UTF8.self) == String(decoding: whole, as: UTF8.self))
    }
}
