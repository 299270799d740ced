/// A reason `herald serve` cannot start, printed as is.
package struct ServeError: Error, CustomStringConvertible {
    /// What went wrong and what to do.
    package var description: String

    init(_ description: String) { self.description = description }
}
