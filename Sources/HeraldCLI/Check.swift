import ArgumentParser
import Foundation
import HeraldCore

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check herald.yml, the incidents and the theme without writing anything.",
        discussion: "Exits with 0 when the site can be published and 1 when it has errors."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "How to print diagnostics: text, json or github (GitHub Actions annotations).")
    var format: Format = .text

    func run() async throws {
        let builder = Builder(options: .init(root: site.rootURL, now: try site.clock(), strict: site.strict))
        let result = await builder.check()
        switch format {
        case .text:
            Console.printDiagnostics(result.diagnostics)
            if result.diagnostics.allSatisfy({ $0.severity == .note }) {
                print("No problems found in \(site.rootURL.path)")
            } else {
                Console.error(Console.summary(result.diagnostics))
            }
        case .json:
            print(try Console.json(result.diagnostics))
        case .github:
            for diagnostic in result.diagnostics { print(Console.githubAnnotation(diagnostic)) }
        }
        if result.hasErrors { throw ExitCode.failure }
    }
}
