/// Converts a view value (structs, arrays, optionals, strings, numbers, booleans) into
/// dictionaries and arrays once, before rendering.
///
/// swift-mustache looks up every `{{name}}` with a `Mirror` of each object on the context stack;
/// on pages that list hundreds of incidents that reflection dominated the build. Dictionaries are
/// looked up by hash instead, with the same semantics: a nil optional becomes a missing key, which
/// Mustache treats as false (and, like any missing name, looks up in the enclosing contexts).
enum TemplateData {
    static func convert(_ value: Any) -> Any? {
        switch value {
        case let string as String: return string
        case let bool as Bool: return bool
        case let int as Int: return int
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { convert($0.value) }
        case .collection, .set:
            return mirror.children.compactMap { convert($0.value) }
        case .struct, .class:
            var dictionary: [String: Any] = [:]
            dictionary.reserveCapacity(Int(mirror.children.count))
            for child in mirror.children {
                guard let label = child.label, let converted = convert(child.value) else { continue }
                dictionary[label] = converted
            }
            return dictionary
        default:
            return value
        }
    }
}
