import Testing

@testable import HeraldCore

struct YAMLAliasScanTests {
    static func found(_ yaml: String) -> [String] {
        YAMLAliasScan.tokens(in: yaml).map { "\($0.isAlias ? "*" : "&")\($0.name)@\($0.line):\($0.column)" }
    }

    @Test func findsAnchorsAndAliasesWhereANodeStarts() {
        #expect(Self.found("a: &x 1\nb: *x\n") == ["&x@1:4", "*x@2:4"])
        #expect(Self.found("- &x [1, *y, {k: *z}]\n") == ["&x@1:3", "*y@1:10", "*z@1:18"])
        #expect(Self.found("? [&a0 lol, &a1 [*a0, *a0]]\n: 1\n") == ["&a0@1:4", "&a1@1:13", "*a0@1:18", "*a0@1:23"])
        #expect(Self.found("a: !!str &x b\n") == ["&x@1:10"])
        #expect(Self.found("*x : 1\n") == ["*x@1:1"])
    }

    @Test(arguments: [
        "title: R&D outage", "title: Payments *partially* down", "title: \"Outage: *all* regions\"",
        "title: 'it''s &x'", "title: a # *comment", "body: |\n  *bold* line\n  &amp;\nnext: 1",
        "title: 5 * 3",
    ])
    func textThatOnlyLooksLikeThemIsLeftAlone(_ yaml: String) {
        #expect(Self.found(yaml).isEmpty)
    }

    @Test func aBlockScalarEndsWhereTheIndentationDoes() {
        #expect(Self.found("a: |\n  *x\nb: *y\n") == ["*y@3:4"])
    }

    @Test func aQuoteLeftOpenHidesOnlyTheRestOfItsLine() {
        #expect(Self.found("a: 'open\nb: *y\n") == ["*y@2:4"])
    }
}
