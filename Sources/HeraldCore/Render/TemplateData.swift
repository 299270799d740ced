import Mustache

/// Converts a view value into the objects, arrays, texts, numbers and booleans that
/// swift-mustache reads, once, before rendering: the one way views become template values.
///
/// swift-mustache looks up every `{{name}}` in a struct with a `Mirror`; on pages that list
/// hundreds of incidents that reflection dominated the build. The views are `Encodable` instead,
/// and this small encoder walks their compiler-generated `encode(to:)`: no reflection and no
/// casts. A nil optional is left out (synthesized conformances use `encodeIfPresent`), which
/// Mustache treats as false and, like any missing name, looks up in the enclosing contexts.
///
/// Keyed values become `TemplateRecord`s and strings `TemplateText`s rather than `[String: Any]`
/// and `String`: swift-mustache finds out what each value is with dynamic casts, and these casts
/// are cheaper for a plain struct than for a generic dictionary, and end sooner for a value that
/// renders itself. A record keeps its names in a list rather than hashing each into a dictionary
/// (see `TemplateRecord`). Both behave in templates exactly as the dictionary and the string would,
/// transforms such as `{{uppercased(title)}}` or `{{#sorted(page.assets)}}` included.
enum TemplateData {
    /// Converts `value`.
    ///
    /// - Parameter globals: The page's root values that no view has a property for (`t`, `site`,
    ///   `built`, `page`; see `TemplateRecord.globals`), given to every record made.
    static func convert(_ value: some Encodable, globals: TemplateGlobals? = nil) -> any Sendable {
        let encoder = TemplateValueEncoder(globals: globals)
        // The containers below never throw; a view's own `encode(to:)` would be a bug.
        try? value.encode(to: encoder)
        return encoder.value
    }
}

/// The names every object of a page answers when it has no value of its own by that name, as the
/// page's root context would: `t`, `site`, `built`, `page` and `shared`.
///
/// swift-mustache finds a name by asking each context from the innermost section outwards, with a
/// dynamic cast per context; a month page looks `{{page.root}}` and `{{t.…}}` up hundreds of times
/// from sections several levels deep, and those walks were a large part of a big build. Answering
/// from the innermost object gives the same value as the walk, because no view type has a property
/// by one of these names (`TemplateGlobals.names`), so no context between the innermost one and the
/// root can hold another; debug builds assert it for every value converted with globals.
final class TemplateGlobals: Sendable {
    /// The names answered.
    static let names: Set<String> = ["t", "site", "built", "page", "shared"]
    let values: [String: any Sendable]

    /// Takes the values of `root` named in `names`.
    init(_ root: [String: any Sendable]) {
        values = root.filter { Self.names.contains($0.key) }
    }
}

/// Collects one value's encoding. Lives only inside one `convert` call.
private final class TemplateValueEncoder: Encoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    let globals: TemplateGlobals?
    fileprivate var keyed: KeyedBox?
    fileprivate var unkeyed: UnkeyedBox?
    fileprivate var single: (any Sendable)?

    init(globals: TemplateGlobals?) {
        self.globals = globals
    }

    var value: any Sendable {
        if let keyed { return keyed.resolved }
        if let unkeyed { return unkeyed.resolved }
        return single ?? TemplateRecord(names: [], values: [], globals: globals)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box = keyed ?? KeyedBox(globals: globals)
        keyed = box
        return KeyedEncodingContainer(KeyedContainer<Key>(box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box = unkeyed ?? UnkeyedBox(globals: globals)
        unkeyed = box
        return UnkeyedContainer(box: box)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(encoder: self)
    }
}

/// A nested container that is still being filled; it becomes a value when its parent is
/// resolved (synthesized conformances never ask for one, so that walk is rare).
private enum NestedBox {
    case keyed(KeyedBox)
    case unkeyed(UnkeyedBox)

    var resolved: any Sendable {
        switch self {
        case .keyed(let box): box.resolved
        case .unkeyed(let box): box.resolved
        }
    }
}

/// A keyed container's values, in the order they were encoded.
private final class KeyedBox {
    let globals: TemplateGlobals?
    var names: [String] = []
    var values: [any Sendable] = []
    var nested: [(position: Int, box: NestedBox)] = []

    init(globals: TemplateGlobals?) {
        self.globals = globals
    }

    /// Stores a value under `key`.
    func set(_ value: any Sendable, _ key: String) {
        // A view property named like a global would hide the root's value in sections below it
        // for Mustache, but not for `TemplateRecord.child(named:)`; debug builds (the tests,
        // which render every kind of page) stop here.
        assert(globals == nil || !TemplateGlobals.names.contains(key), "a view property is named '\(key)'")
        names.append(key)
        values.append(value)
    }

    var resolved: TemplateRecord {
        var values = values
        for (position, box) in nested { values[position] = box.resolved }
        return TemplateRecord(names: names, values: values, globals: globals)
    }
}

/// An unkeyed container's values; a nested container's place holds `false` until it is resolved.
private final class UnkeyedBox {
    let globals: TemplateGlobals?
    var values: [any Sendable] = []
    var nested: [(position: Int, box: NestedBox)] = []

    init(globals: TemplateGlobals?) {
        self.globals = globals
    }

    var resolved: [any Sendable] {
        var values = values
        for (position, box) in nested { values[position] = box.resolved }
        return values
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: KeyedBox
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) {}
    mutating func encode(_ value: Bool, forKey key: Key) { box.set(value, key.stringValue) }
    mutating func encode(_ value: String, forKey key: Key) { box.set(TemplateText(value), key.stringValue) }
    mutating func encode(_ value: Int, forKey key: Key) { box.set(value, key.stringValue) }
    mutating func encode(_ value: Double, forKey key: Key) { box.set(value, key.stringValue) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) {
        box.set(TemplateData.convert(value, globals: box.globals), key.stringValue)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = KeyedBox(globals: box.globals)
        box.nested.append((box.values.count, .keyed(nested)))
        box.set(false, key.stringValue)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = UnkeyedBox(globals: box.globals)
        box.nested.append((box.values.count, .unkeyed(nested)))
        box.set(false, key.stringValue)
        return UnkeyedContainer(box: nested)
    }

    mutating func superEncoder() -> any Encoder { TemplateValueEncoder(globals: box.globals) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { TemplateValueEncoder(globals: box.globals) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: UnkeyedBox
    var codingPath: [any CodingKey] { [] }
    var count: Int { box.values.count }

    mutating func encodeNil() {}
    mutating func encode(_ value: Bool) { box.values.append(value) }
    mutating func encode(_ value: String) { box.values.append(TemplateText(value)) }
    mutating func encode(_ value: Int) { box.values.append(value) }
    mutating func encode(_ value: Double) { box.values.append(value) }
    mutating func encode<T: Encodable>(_ value: T) {
        box.values.append(TemplateData.convert(value, globals: box.globals))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = KeyedBox(globals: box.globals)
        box.nested.append((box.values.count, .keyed(nested)))
        box.values.append(false)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = UnkeyedBox(globals: box.globals)
        box.nested.append((box.values.count, .unkeyed(nested)))
        box.values.append(false)
        return UnkeyedContainer(box: nested)
    }

    mutating func superEncoder() -> any Encoder { TemplateValueEncoder(globals: box.globals) }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let encoder: TemplateValueEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() {}
    mutating func encode(_ value: Bool) { encoder.single = value }
    mutating func encode(_ value: String) { encoder.single = TemplateText(value) }
    mutating func encode(_ value: Int) { encoder.single = value }
    mutating func encode(_ value: Double) { encoder.single = value }
    mutating func encode<T: Encodable>(_ value: T) {
        encoder.single = TemplateData.convert(value, globals: encoder.globals)
    }
}

/// Named values the renderer puts together itself (the page's root, the theme's strings as `t`,
/// the rendered fragments), looked up by templates as a `[String: Any]` would be. Views converted
/// by the encoder become `TemplateRecord`s instead.
///
/// Printed as a value (`{{.}}` at the top, `{{content}}`) it is empty, where a dictionary would
/// print its contents in an order that changes from run to run.
struct TemplateObject: MustacheParent, MustacheTransformable, CustomStringConvertible, Sendable {
    var values: [String: any Sendable]

    var description: String { "" }

    func child(named name: String) -> Any? { values[name] }

    /// `count`, `empty`, `enumerated` and `sorted`, as for a dictionary.
    func transform(_ name: String) -> Any? { values.transform(name) }
}

/// A view's values as the encoder made them: its names and values in the order its
/// `encode(to:)` gave them, looked up by templates as a `[String: Any]` would be.
///
/// A view has a few dozen names at most, so finding one by comparing names costs less than
/// hashing every name into a dictionary when the view is converted: a large build converts
/// every name of every view, and templates read only some of them (measured: 3.5 % less wall
/// time for a 10,000-incident build, docs/performance.md). A name given twice counts as its last
/// value, as it would in a dictionary. Printed as a value, it is empty, like `TemplateObject`.
struct TemplateRecord: MustacheParent, MustacheTransformable, CustomStringConvertible, Sendable {
    var names: [String]
    var values: [any Sendable]
    /// The page's root values it answers for names it has no value of its own by.
    var globals: TemplateGlobals?

    var description: String { "" }

    /// The values by name, for the few places that need a dictionary.
    var table: [String: any Sendable] {
        Dictionary(zip(names, values), uniquingKeysWith: { _, last in last })
    }

    func child(named name: String) -> Any? {
        if let position = names.lastIndex(of: name) { return values[position] }
        return globals?.values[name]
    }

    /// `count`, `empty`, `enumerated` and `sorted`, as for a dictionary.
    func transform(_ name: String) -> Any? { table.transform(name) }
}

/// A string value, rendered (and escaped) as the string itself.
///
/// It is also a parent without children, so that names looked up inside `{{#text}}…{{/text}}`
/// go on to the enclosing values at once instead of through swift-mustache's `Mirror` fallback.
struct TemplateText: MustacheCustomRenderable, MustacheParent, MustacheTransformable, CustomStringConvertible,
    Sendable
{
    var text: String

    init(_ text: String) { self.text = text }

    var renderText: String { text }
    /// An empty string is not null in swift-mustache either: `{{#value}}` shows for "".
    var isNull: Bool { false }
    var description: String { text }

    func child(named name: String) -> Any? { nil }

    /// `uppercased`, `lowercased`, `capitalized`, `empty`, `reversed`, ... as for a string.
    func transform(_ name: String) -> Any? { text.transform(name) }
}
