import Foundation
import Testing

@testable import HeraldCore

/// The URLs of incidents whose file names are in other scripts. These outputs are pinned: a
/// change here moves published pages, feed entry ids and API ids.
struct SlugTests {
    @Test(arguments: [
        ("German", "2026-11-27-Störung: Zahlungen verzögert", "2026-11-27-storung-zahlungen-verzogert"),
        ("German ß", "2026-11-27-Straßenbahn-Schnittstelle", "2026-11-27-strassenbahn-schnittstelle"),
        ("French", "2026-11-27-Paiement différé : l'équipe enquête", "2026-11-27-paiement-differe-l-equipe-enquete"),
        (
            "Turkish", "2026-11-27-Ödeme gecikmesi: İstanbul'da ışık yok",
            "2026-11-27-odeme-gecikmesi-istanbul-da-isik-yok"
        ),
        ("Polish", "2026-11-27-Opóźnienie płatności w Łodzi", "2026-11-27-opoznienie-platnosci-w-lodzi"),
        ("Russian", "2026-11-27-Задержка платежей, объявление", "2026-11-27-zaderzhka-platezhey-obyavleniye"),
        ("Greek", "2026-11-27-Καθυστέρηση πληρωμών", "2026-11-27-kathysterisi-pliromon"),
        ("Japanese kana", "2026-11-27-ログインできない", "2026-11-27-roguindekinai"),
        ("Japanese with kanji", "2026-11-23-ログイン障害", "2026-11-23-8bff0fd6"),
        ("Chinese", "2026-11-27-支付延迟", "2026-11-27-zhi-fu-yan-chi"),
        ("Korean", "2026-11-27-결제 지연", "2026-11-27-gyeolje-jiyeon"),
        ("Arabic", "2026-11-22-تأخر-الفواتير", "2026-11-22-takhr-alfwatyr"),
        ("Hebrew", "2026-11-27-עיכוב בתשלומים", "2026-11-27-ykwb-btslwmym"),
        ("emoji only", "2026-11-27-🔥🔥", "2026-11-27-0f1d966c"),
        ("emoji only, no date", "🔥🔥", "incident-1716ceac"),
        ("ASCII with spaces", "2026-11-26 Payment Outage", "2026-11-26-payment-outage"),
        ("already a slug", "2026-11-26-payments_eu", "2026-11-26-payments_eu"),
    ])
    func fileNamesInEveryScriptGiveAStableASCIISlug(language: String, name: String, slug: String) {
        let derived = Slug.derived(fromFileName: name)
        #expect(derived == slug, "\(language)")
        #expect(Identifier.isValid(derived), "\(language)")
        // The same in the decomposed form macOS file systems may hand out.
        #expect(Slug.derived(fromFileName: name.decomposedStringWithCanonicalMapping) == slug, "\(language)")
    }

    @Test func slugsAreTheSameOnEveryThreadAndEveryCall() async {
        let names = ["2026-11-27-Задержка платежей", "2026-11-27-支付延迟", "2026-11-22-تأخر-الفواتير", "2026-11-27-결제 지연"]
        let expected = names.map(Slug.derived(fromFileName:))
        let results = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 { group.addTask { names.map(Slug.derived(fromFileName:)) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test(arguments: [
        ("Störung: Zahlungen verzögert", "störung-zahlungen-verzögert"),
        ("ログインできない障害が発生しています", "ログインできない障害が発生しています"),
        ("تأخر الفواتير", "تأخر-الفواتير"),
        ("Login errors: \"SSO\" users", "login-errors-sso-users"),
        ("  API 5xx / timeouts!  ", "api-5xx-timeouts"),
    ])
    func titlesKeepTheirScriptInFileNames(title: String, name: String) {
        #expect(Slug.fileName(forTitle: title) == name)
    }

    @Test func aTitleWithoutLettersIsNamedByItsHash() {
        #expect(Slug.fileName(forTitle: "🔥🔥") == Slug.hash("🔥🔥"))
        #expect(Slug.hash("🔥🔥").count == 8)
    }

    @Test func asciiTitlesAreNamedAsBefore() {
        for title in ["Delayed payment processing", "We're down", "A_B c--d", "100% CPU"] {
            #expect(Slug.fileName(forTitle: title) == Identifier.slugify(title))
        }
    }

    @Test func longNamesAreCut() {
        let title = String(repeating: "障害", count: 200)
        #expect(Slug.fileName(forTitle: title).utf8.count <= Slug.maximumFileNameBytes)
        let name = "2026-11-27-" + String(repeating: "Задержка ", count: 60)
        let slug = Slug.derived(fromFileName: name)
        #expect(slug.count <= Slug.maximumDerivedLength)
        #expect(Identifier.isValid(slug) && !slug.hasSuffix("-"))
    }

    @Test func suggestionsForIdsTransliterate() {
        #expect(Identifier.suggestion(for: "zahlungsverzögerung") == "did you mean 'zahlungsverzogerung'?")
        #expect(Identifier.suggestion(for: "%2e%2e") == "did you mean '2e-2e'?")
    }
}
