import Mustache

/// Converts a view value into the objects, arrays, texts, numbers and booleans that
/// swift-mustache reads, once, before rendering.
///
/// swift-mustache looks up every `{{name}}` in a struct with a `Mirror`; on pages that list
/// hundreds of incidents that reflection dominated the build, and so did converting the views
/// with a `Mirror` of our own (dynamic casts of every value). The views are `Encodable` instead,
/// and this small encoder walks their compiler-generated `encode(to:)`: no reflection and no
/// casts. A nil optional is left out (synthesized conformances use `encodeIfPresent`), which
/// Mustache treats as false and, like any missing name, looks up in the enclosing contexts.
///
/// Keyed values become `TemplateObject`s and strings `TemplateText`s rather than `[String: Any]`
/// and `String`: swift-mustache finds out what each value is with dynamic casts, and these casts
/// are cheaper for a plain struct than for a generic dictionary, and end sooner for a value that
/// renders itself. Both behave in templates exactly as the dictionary and the string would,
/// transforms such as `{{uppercased(title)}}` or `{{#sorted(page.assets)}}` included.
enum TemplateData {
    static func convert(_ value: some Encodable) -> any Sendable {
        convert(value, watch: NameWatch())
    }

    /// Converts `value` and counts its values, at any depth, named like the values a theme may
    /// print into its templates (see `Theme.sharing(_:page:inlining:)`): inside an object with
    /// such a value, a template's `{{site.title}}` would find that value rather than the build's,
    /// so a page with one must be rendered with the templates as written.
    ///
    /// - Parameter directValues: Whether views that make their own values (`DirectTemplateValue`)
    ///   do so; tests compare with the encoder's values.
    static func convertCountingInlinedNames(_ value: some Encodable, directValues: Bool = true) -> (
        value: any Sendable, names: InlinedNameCounts
    ) {
        let watch = NameWatch(usesDirectValues: directValues)
        let converted = convert(value, watch: watch)
        return (converted, watch.counts)
    }

    fileprivate static func convert(_ value: some Encodable, watch: NameWatch) -> any Sendable {
        if watch.usesDirectValues, let view = value as? any DirectTemplateValue {
            for name in view.namesFromData { watch.note(name) }
            return view.templateValue
        }
        let encoder = TemplateValueEncoder(watch: watch)
        // The containers below never throw; a view's own `encode(to:)` would be a bug.
        try? value.encode(to: encoder)
        return encoder.value
    }
}

/// How many values of a converted value are named like the values a theme may inline.
struct InlinedNameCounts: Equatable {
    /// Values named `t`, `site` or `built`, the values every page shares.
    var shared = 0
    /// Values named `page`; a page's context has one of its own.
    var page = 0
}

/// Counts the names a conversion meets. Shared by the encoders of one `convert` call only.
private final class NameWatch {
    var counts = InlinedNameCounts()
    /// Whether views that convert themselves (`DirectTemplateValue`) do so.
    let usesDirectValues: Bool

    init(usesDirectValues: Bool = true) {
        self.usesDirectValues = usesDirectValues
    }

    func note(_ key: String) {
        // Comparing a few short strings is cheaper than hashing the key for a set.
        if Theme.inlinedRoots.contains(key) {
            counts.shared += 1
        } else if key == Theme.inlinedPage {
            counts.page += 1
        }
    }
}

/// Collects one value's encoding. Lives only inside one `convert` call.
private final class TemplateValueEncoder: Encoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    let watch: NameWatch
    fileprivate var keyed: KeyedBox?
    fileprivate var unkeyed: UnkeyedBox?
    fileprivate var single: (any Sendable)?

    init(watch: NameWatch) {
        self.watch = watch
    }

    var value: any Sendable {
        if let keyed { return keyed.resolved }
        if let unkeyed { return unkeyed.resolved }
        return single ?? TemplateObject(values: [:])
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box = keyed ?? KeyedBox(watch: watch)
        keyed = box
        return KeyedEncodingContainer(KeyedContainer<Key>(box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box = unkeyed ?? UnkeyedBox(watch: watch)
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

/// A keyed container's values.
private final class KeyedBox {
    let watch: NameWatch
    var values: [String: any Sendable] = [:]
    var nested: [String: NestedBox] = [:]

    init(watch: NameWatch) {
        self.watch = watch
    }

    /// Stores a value under `key`.
    func set(_ value: any Sendable, _ key: String) {
        watch.note(key)
        values[key] = value
    }

    var resolved: TemplateObject {
        var values = values
        for (key, box) in nested { values[key] = box.resolved }
        return TemplateObject(values: values)
    }
}

/// An unkeyed container's values; a nested container's place holds `false` until it is resolved.
private final class UnkeyedBox {
    let watch: NameWatch
    var values: [any Sendable] = []
    var nested: [(position: Int, box: NestedBox)] = []

    init(watch: NameWatch) {
        self.watch = watch
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
        box.set(TemplateData.convert(value, watch: box.watch), key.stringValue)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = KeyedBox(watch: box.watch)
        box.watch.note(key.stringValue)
        box.nested[key.stringValue] = .keyed(nested)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = UnkeyedBox(watch: box.watch)
        box.watch.note(key.stringValue)
        box.nested[key.stringValue] = .unkeyed(nested)
        return UnkeyedContainer(box: nested)
    }

    mutating func superEncoder() -> any Encoder { TemplateValueEncoder(watch: box.watch) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { TemplateValueEncoder(watch: box.watch) }
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
    mutating func encode<T: Encodable>(_ value: T) { box.values.append(TemplateData.convert(value, watch: box.watch)) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = KeyedBox(watch: box.watch)
        box.nested.append((box.values.count, .keyed(nested)))
        box.values.append(false)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = UnkeyedBox(watch: box.watch)
        box.nested.append((box.values.count, .unkeyed(nested)))
        box.values.append(false)
        return UnkeyedContainer(box: nested)
    }

    mutating func superEncoder() -> any Encoder { TemplateValueEncoder(watch: box.watch) }
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
        encoder.single = TemplateData.convert(value, watch: encoder.watch)
    }
}

/// A view's named values, looked up by templates as a `[String: Any]` would be.
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
