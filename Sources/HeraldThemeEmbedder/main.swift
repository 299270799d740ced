// Writes the default theme (the repository's theme/ folder) into a Swift source file, so that the
// `herald` binary carries it and a status repository needs no theme of its own.
//
//     HeraldThemeEmbedder <theme folder> <output .swift file>
//
// Run by the HeraldThemePlugin build tool plugin on every build whose theme files changed. Each
// file is stored as base64 text, which compiles quickly and decodes to the exact bytes; hidden
// files (names starting with ".") are left out, as the site loader leaves them out.
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: HeraldThemeEmbedder <theme folder> <output file>\n".utf8))
    exit(64)
}
let theme = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])

/// The regular files below `folder`, as paths relative to it with `/`, sorted by byte order.
func files(under folder: URL) throws -> [String] {
    var result: [String] = []
    var pending = [""]
    while let relative = pending.popLast() {
        let url = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where !name.hasPrefix(".") {
            let path = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            guard
                FileManager.default.fileExists(
                    atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
            else { continue }
            if isDirectory.boolValue { pending.append(path) } else { result.append(path) }
        }
    }
    return result.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
}

do {
    var source = """
        // Generated at build time by HeraldThemeEmbedder from the repository's theme/ folder.
        // Do not edit: change theme/ instead.

        extension DefaultTheme {
            /// Every file of theme/, by its path inside the folder, sorted, with its bytes in base64.
            static let encodedFiles: [(path: String, base64: String)] = [

        """
    for path in try files(under: theme) {
        let data = try Data(contentsOf: theme.appendingPathComponent(path))
        // Paths are written as Swift string literals; a theme file name never needs escaping
        // beyond these two characters.
        let literal = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        source += "        (\"\(literal)\", \"\(data.base64EncodedString())\"),\n"
    }
    source += "    ]\n}\n"
    let bytes = Data(source.utf8)
    // Rewriting an unchanged file would make the compiler build the module again.
    if (try? Data(contentsOf: output)) != bytes {
        try bytes.write(to: output, options: .atomic)
    }
} catch {
    FileHandle.standardError.write(Data("HeraldThemeEmbedder: \(error)\n".utf8))
    exit(1)
}
